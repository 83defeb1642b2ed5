// Which decoded events are news, and where a reconnect resumes: the one owner of both facts
// (architecture.md, "One owner per fact"). The transcript and the machine consume only what
// accept() lets through, so a duplicate can move neither. The cursor is resume-point.ts's: the
// highest sequence below which nothing is missing, where a replay that ran past a hole proves it a
// gap in the numbering (§4.2). Transient `sequence: null` events never move it. No clock, no I/O.
import {START_POINT, closeGapsThrough, noteSequence, resumeCursor} from './resume-point.js';
import type {ResumePoint} from './resume-point.js';
import type {ServerEvent} from './wire.js';

export class EventIntake {
  #sessionId: string | null = null;
  #seen = new Set<string>();
  #point: ResumePoint = START_POINT;

  /** Where a reconnect resumes; 0 = replay everything. */
  get cursor(): number {
    return resumeCursor(this.#point);
  }

  /** A socket of `sessionId` opens: a different session starts with nothing seen. */
  useSession(sessionId: string): void {
    if (sessionId === this.#sessionId) return;
    this.#sessionId = sessionId;
    this.#seen = new Set();
    this.#point = START_POINT;
  }

  /**
   * The events not seen before in this session, in order (the same array when all are new).
   * Heartbeat echoes carry nothing to keep and are never deduplicated: each is proof of life.
   */
  accept(events: readonly ServerEvent[]): readonly ServerEvent[] {
    let fresh: ServerEvent[] | null = null;
    for (let i = 0; i < events.length; i++) {
      const event = events[i] as ServerEvent;
      const isNew = event.type === 'EVENT_TYPE_HEARTBEAT' || !this.#seen.has(event.id);
      if (isNew && event.type !== 'EVENT_TYPE_HEARTBEAT') this.#seen.add(event.id);
      if (isNew) fresh?.push(event);
      else fresh ??= events.slice(0, i);
    }
    return fresh ?? events;
  }

  /**
   * These accepted events were applied (transcript and machine): the cursor may move. `replay`: the
   * first batch of a socket, which the server sends in order from the cursor: what it skipped below
   * its top does not exist (noted one by one, every sequence after a gap would be sorted apart).
   */
  applied(events: readonly ServerEvent[], replay = false): void {
    let point = this.#point;
    if (replay) {
      let top = 0;
      for (const event of events) if (event.sequence !== null && event.sequence > top) top = event.sequence;
      point = closeGapsThrough(point, top);
    } else for (const event of events) if (event.sequence !== null) point = noteSequence(point, event.sequence);
    this.#point = point;
  }
}
