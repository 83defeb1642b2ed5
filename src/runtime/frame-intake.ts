// Frame intake: socket frames → accepted events, applied to the transcript and the machine. It
// decodes (a long history replay newest first, in slices: frame-plan.ts), lets EventIntake decide
// what is new and where a reconnect resumes, and tells when a socket's replay is over, so queued
// messages go out only once their echoes in the replay are known.
import {decodeBatchElements} from '../protocol/decode-frame.js';
import {EventIntake} from '../protocol/event-intake.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {sessionFactsOf} from '../protocol/session-facts.js';
import type {ServerEvent} from '../protocol/wire.js';
import type {SocketHandle} from '../transport/socket.js';
import type {FactInput} from './connector.js';
import {newestSliceStart, planFrame, stateElements} from './frame-plan.js';
import {LazyTimers} from './lazy-timers.js';
import type {RuntimeEnv} from './runtime-env.js';
import type {TranscriptKeeper} from './transcript-keeper.js';

/**
 * A history may come in several batches (§3.4). Queued messages go out only once no further batch
 * arrived for this long (or a live event came that follows on what was applied), so echoes in a
 * later batch are known first.
 */
export const REPLAY_SETTLE_MS = 250;
/**
 * A batch frame with more than SLICED_BATCH_MIN events (a long history replay) is applied newest
 * first: its newest NEWEST_SLICE events (more than a panel shows) are shown at once, the older ones
 * follow in slices of BATCH_SLICE events, one task each, so the main thread is never held for the
 * whole batch and the reader's first view never waits for its oldest part. Smaller batches are
 * applied in one task: for them the extra tasks would only delay the render.
 */
export const SLICED_BATCH_MIN = 200;
export const NEWEST_SLICE = 100;
export const BATCH_SLICE = 500;

/** A socket and what its frames told so far. */
export interface Link {
  readonly epoch: number;
  handle: SocketHandle | null;
  /** The first batch (the history replay) of this socket has been processed. */
  historySeen: boolean;
  /** The machine asked for the replay's end (outbox.flush): tell it when batches stop coming. */
  awaitingReplay: boolean;
  /** Frames received so far (any frame is proof of life). */
  frames: number;
}

/** What the intake needs from the runtime around it. */
export interface IntakeHost {
  /** `link` is still the runtime's socket (and the runtime not disposed). */
  isCurrent(link: Link): boolean;
  dispatch(event: FactInput): void;
  /** The transcript, which the events go into and the machine's facts come from. */
  readonly keeper: TranscriptKeeper;
  /** Snapshots: held while a frame is processed, published once at the end. */
  hold(): void;
  release(): void;
  publish(evenWhileHolding?: boolean): void;
  badFrame(detail: string): void;
  /** The replay of `link` is over: what its echoes did not confirm may go out. */
  replaySettled(link: Link): void;
}

export class FrameIntake {
  readonly events = new EventIntake();
  readonly #timers: LazyTimers<'replay-settle' | 'slice'>;
  /** A long batch being applied in slices, with the frames of its socket that arrived meanwhile. */
  /** `before`: the messages before the batch, for announcing what it added. */
  #slicing: {readonly link: Link; readonly backlog: string[]; readonly before: readonly PolyChatMessage[]} | null = null;

  constructor(
    private readonly env: RuntimeEnv,
    private readonly host: IntakeHost,
  ) {
    this.#timers = new LazyTimers(env);
  }

  get replaying(): boolean {
    return this.#slicing !== null;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  onFrame(link: Link, data: string): void {
    if (!this.host.isCurrent(link)) return;
    if (this.#slicing !== null) {
      if (this.#slicing.link === link) {
        this.#slicing.backlog.push(data);
        return;
      }
      this.#stopSlicing();
    }
    link.frames++;
    // One frame, one snapshot: the dispatches below would each publish (and build a snapshot).
    this.host.hold();
    try {
      this.#applyFrame(link, data);
    } finally {
      this.host.release();
    }
    this.host.publish();
  }

  /** The machine wants the replay's end (outbox.flush): batches may still come for a while. */
  awaitReplay(link: Link): void {
    link.awaitingReplay = true;
    this.#timers.start('replay-settle', REPLAY_SETTLE_MS, () => this.#settleReplay(link));
  }

  dispose(): void {
    this.#timers.clear();
    this.#slicing = null;
  }

  #applyFrame(link: Link, data: string): void {
    this.host.dispatch({type: 'socket.frame', epoch: link.epoch});
    const plan = planFrame(data, SLICED_BATCH_MIN);
    const before = this.host.keeper.state.messages;
    if (plan.sliced) {
      this.#applySliced(link, plan.elements, before);
      return;
    }
    const decoded = plan.decoded;
    if (!decoded.ok) {
      this.host.badFrame(decoded.problem.detail);
      return;
    }
    const top = this.events.top;
    this.#applyEvents(link, decoded.events, decoded.batch);
    // A live event that follows on what was applied shows the replay is over; one above a hole
    // may have overtaken a batch still to come, so the settle timer decides then.
    const follows = !decoded.batch && decoded.events.some((event) => event.sequence !== null && event.sequence <= top + 1);
    this.#finishFrame(link, decoded.batch, follows, before);
  }

  /** Events of one frame, or of one slice of a long one: only the new ones reach anything. */
  #applyEvents(link: Link, events: readonly ServerEvent[], replayed: boolean): void {
    const accepted = this.events.accept(events);
    if (accepted.length === 0) return;
    this.#reduce(accepted);
    this.host.dispatch({type: 'server.events', epoch: link.epoch, events: accepted, facts: sessionFactsOf(this.host.keeper.state), replayed});
    this.events.applied(accepted, !replayed);
  }

  /**
   * A long batch, newest first: its newest NEWEST_SLICE events and the older part's few events that
   * are not plain messages go into the transcript in the frame's own task and are published at once.
   * The older events follow after that paint, BATCH_SLICE per task, in order, through the intake;
   * the newest slice goes through it last, so the machine and the cursor see the batch in order
   * (the transcript does not care about order). Frames arriving meanwhile wait their turn.
   */
  #applySliced(link: Link, elements: readonly unknown[], before: readonly PolyChatMessage[]): void {
    const slicing = {link, backlog: [] as string[], before};
    const newestFrom = newestSliceStart(elements, NEWEST_SLICE, BATCH_SLICE);
    const newest = decodeBatchElements(elements.slice(newestFrom));
    const newestEvents = newest.ok ? newest.events : [];
    // With the older part's state events (joins, handoff, language…) the first view has its final
    // header and authors; the transcript drops them as seen when their slice comes.
    const state = decodeBatchElements(stateElements(elements, newestFrom));
    const early = state.ok ? [...state.events, ...newestEvents] : newestEvents;
    if (early.length > 0) this.#reduce(early);
    this.#slicing = slicing;
    this.host.publish(true);
    this.host.hold();
    let next = 0;
    const step = (): void => {
      if (this.#slicing !== slicing) return;
      if (!this.host.isCurrent(link)) {
        // The socket is gone: let go. The cursor covers only the slices applied, so a reconnect
        // replays the rest.
        this.#stopSlicing();
        return;
      }
      const slice = elements.slice(next, Math.min(next + BATCH_SLICE, newestFrom));
      next += slice.length;
      this.host.hold();
      try {
        const decoded = decodeBatchElements(slice);
        if (decoded.ok) this.#applyEvents(link, decoded.events, true);
        if (next < newestFrom) {
          this.#timers.start('slice', 0, step);
          return;
        }
        this.#applyEvents(link, newestEvents, true);
        this.#slicing = null;
        this.host.release();
        this.#finishFrame(link, true, false, before);
      } finally {
        this.host.release();
      }
      this.host.publish();
      for (const frame of slicing.backlog) this.onFrame(link, frame);
    };
    if (this.env.afterNextPaint) this.env.afterNextPaint(step);
    else this.#timers.start('slice', 0, step);
  }

  #reduce(events: readonly ServerEvent[]): void {
    this.host.keeper.apply({type: 'server', events, now: this.env.now()});
  }

  /** Abandons a sliced batch whose socket is gone, releasing the snapshot it held back. */
  #stopSlicing(): void {
    const slicing = this.#slicing;
    if (slicing === null) return;
    this.#slicing = null;
    this.#timers.cancel('slice');
    this.host.release();
    this.host.publish();
    // What the cut-off batch did add is in the transcript (and seen): it is news all the same.
    this.host.keeper.changed(slicing.before, true);
  }

  #finishFrame(link: Link, batch: boolean, follows: boolean, before: readonly PolyChatMessage[]): void {
    if (batch && !link.historySeen) {
      link.historySeen = true;
      this.host.dispatch({type: 'history.received', epoch: link.epoch, facts: sessionFactsOf(this.host.keeper.state)});
    }
    // Published before the message events go out, so their listeners see the new transcript.
    this.host.publish(true);
    this.host.keeper.changed(before, batch);
    if (!link.awaitingReplay) return;
    if (batch) this.#timers.start('replay-settle', REPLAY_SETTLE_MS, () => this.#settleReplay(link));
    else if (follows) this.#settleReplay(link);
  }

  #settleReplay(link: Link): void {
    this.#timers.cancel('replay-settle');
    if (!link.awaitingReplay || !this.host.isCurrent(link)) return;
    link.awaitingReplay = false;
    this.events.replayComplete();
    this.host.replaySettled(link);
  }
}
