// Which decoded events are news, and where a reconnect resumes: the one owner of both facts
// (architecture.md, "One owner per fact"). The transcript and the machine consume only what
// accept() lets through, so a duplicate can move neither.
//
// The cursor is the highest sequence seen (protocol §3.1, §11: numbering need not be gap-free, so a
// gap never holds it back; transient `sequence: null` events never move it), with one proviso: a
// socket's history may come in several batches with live events between them (§3.4). A live event
// counts only once that replay is complete; counted earlier, a drop before the last batch would
// resume above the batches still to come and lose them. No clock, no I/O.
import type {ServerEvent} from './wire.js';

export class EventIntake {
  #sessionId: string | null = null;
  #seen = new Set<string>();
  #cursor = 0;
  /** The current socket's replay may still be coming: live events wait in #liveTop. */
  #replaying = true;
  #liveTop = 0;

  /** Where a reconnect resumes; 0 = replay everything. */
  get cursor(): number {
    return this.#cursor;
  }

  /** A socket of `sessionId` opens: its replay comes first (a different session starts afresh). */
  socketOpened(sessionId: string): void {
    this.#replaying = true;
    this.#liveTop = 0;
    if (sessionId === this.#sessionId) return;
    this.#sessionId = sessionId;
    this.#seen = new Set();
    this.#cursor = 0;
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

  /** These accepted events were applied (transcript and machine): the cursor may move. */
  applied(events: readonly ServerEvent[], live: boolean): void {
    let top = 0;
    for (const event of events) if (event.sequence !== null && event.sequence > top) top = event.sequence;
    if (live && this.#replaying) this.#liveTop = Math.max(this.#liveTop, top);
    else this.#cursor = Math.max(this.#cursor, top);
  }

  /** The socket's replay is complete: the live events that came meanwhile count now. */
  replayComplete(): void {
    this.#replaying = false;
    this.#cursor = Math.max(this.#cursor, this.#liveTop);
    this.#liveTop = 0;
  }
}
