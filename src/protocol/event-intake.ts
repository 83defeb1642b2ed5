// Which decoded events are news, and where a reconnect resumes: the one owner of both facts
// (architecture.md, "One owner per fact"). The transcript and the machine consume only what
// accept() lets through, so a duplicate can move neither.
//
// The reconnect cursor (protocol §9.9, §10.2: events after it are replayed) is where nothing below
// can still be missing: every sequence up to it was applied, or a complete replay proved it does
// not exist (§4.2: numbering need not be gap-free). A history batch is that proof: the server
// replays, in order, everything it has after the cursor it was given, so no number below a batch's
// newest event can still come. A live event above a hole does not move the cursor, since the event
// in the hole may still be on its way (§10.7: events can arrive out of order); resuming from the
// highest sequence seen would skip that event for good. Waiting costs a replay that overlaps what
// we have, which dedup absorbs, and that replay then proves the hole a gap.
// Transient `sequence: null` events never count. `top` is the highest sequence seen, with one
// proviso: a socket's history may come in several batches with live events between them (§3.4),
// and a live event counts there only once that replay is complete. No clock, no I/O.
import type {ServerEvent} from './wire.js';

export class EventIntake {
  #sessionId: string | null = null;
  #seen = new Set<string>();
  /** Every sequence at or below it was applied or proven not to exist. */
  #cursor = 0;
  /** Sequences applied above #cursor: each waits for the hole below it to be filled or proven a gap. */
  #above = new Set<number>();
  #top = 0;
  /** The current socket's replay may still be coming: live events wait in #liveTop. */
  #replaying = true;
  #liveTop = 0;

  /** Where a reconnect resumes; 0 = replay everything. */
  get cursor(): number {
    return this.#cursor;
  }

  /** The highest sequence applied (live events during a replay count once it is complete). */
  get top(): number {
    return this.#top;
  }

  /** A socket of `sessionId` opens: its replay comes first (a different session starts afresh). */
  socketOpened(sessionId: string): void {
    this.#replaying = true;
    this.#liveTop = 0;
    if (sessionId === this.#sessionId) return;
    this.#sessionId = sessionId;
    this.#seen = new Set();
    this.#cursor = 0;
    this.#above = new Set();
    this.#top = 0;
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

  /** These accepted events were applied (transcript and machine); `live`: not from a history batch. */
  applied(events: readonly ServerEvent[], live: boolean): void {
    let top = 0;
    for (const event of events) {
      const sequence = event.sequence;
      if (sequence === null) continue;
      if (sequence > top) top = sequence;
      if (sequence > this.#cursor) this.#above.add(sequence);
    }
    if (live && this.#replaying) this.#liveTop = Math.max(this.#liveTop, top);
    else this.#top = Math.max(this.#top, top);
    if (!live && top > this.#cursor) {
      this.#cursor = top;
      for (const sequence of this.#above) if (sequence <= top) this.#above.delete(sequence);
    }
    this.#advance();
  }

  /** The socket's replay is complete: the live events that came meanwhile count in `top` now. */
  replayComplete(): void {
    this.#replaying = false;
    this.#top = Math.max(this.#top, this.#liveTop);
    this.#liveTop = 0;
  }

  /** Moves the cursor over every sequence that now follows on it. */
  #advance(): void {
    while (this.#above.delete(this.#cursor + 1)) this.#cursor++;
  }
}
