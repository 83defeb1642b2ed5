// Events: past-tense facts the runtime feeds to the machine. Every event carries the time and a
// jitter draw, so the machine never reads a clock or a random source. Results of async work carry
// the epoch they were started in; the machine ignores any other epoch.
import type {SessionFacts} from '../protocol/session-facts.js';
import type {ServerEvent} from '../protocol/wire.js';
import type {MachineError} from './machine-error.js';
import type {TimerName} from './timer-name.js';

export interface EventStamp {
  /** When it happened (epoch ms, the runtime's clock). */
  readonly at: number;
  /** A uniform draw in [0, 1) for backoff jitter. */
  readonly jitter: number;
}

export type MachineEvent = EventStamp &
  (
    | {readonly type: 'start'; readonly streaming: boolean}
    | {
        readonly type: 'credentials.resolved';
        readonly epoch: number;
        readonly hasSession: boolean;
        readonly sessionId?: string;
        readonly baseUrl: string;
        /** Token lifetime in seconds. */
        readonly expiresIn?: number;
      }
    | {
        readonly type: 'credentials.failed';
        readonly epoch: number;
        /** Network errors, 5xx, 429: retry with backoff. Other 4xx: give up. */
        readonly retryable: boolean;
        readonly error: MachineError;
      }
    /** The credentials named a non-loopback http:/ws: base URL: nothing may connect. */
    | {readonly type: 'credentials.insecure'; readonly epoch: number}
    | {readonly type: 'session.created'; readonly epoch: number; readonly sessionId: string}
    | {
        readonly type: 'session.failed';
        readonly epoch: number;
        readonly retryable: boolean;
        /** HTTP status, when there was a response (401 = token rejected: fetch new credentials). */
        readonly status?: number;
        readonly error: MachineError;
      }
    | {readonly type: 'socket.opened'; readonly epoch: number}
    /** The socket closed without us asking (a socket we closed via `socket.close` reports nothing). */
    | {
        readonly type: 'socket.closed';
        readonly epoch: number;
        readonly code: number;
        readonly reason: string;
        /** The socket had fired `open`. */
        readonly wasOpen: boolean;
      }
    /** An inbound frame arrived (any frame, even one that decodes to nothing): proof of life. */
    | {readonly type: 'socket.frame'; readonly epoch: number}
    /**
     * A user message's echo is overdue and nothing at all arrived since it went out: the socket may
     * be dead while the browser thinks it open. Probed like after page.shown.
     */
    | {readonly type: 'socket.suspect'; readonly epoch: number}
    /**
     * The first history batch of this socket was processed (after its events were fed as
     * server.events). `facts`: the transcript's, with the whole batch in.
     */
    | {readonly type: 'history.received'; readonly epoch: number; readonly facts: SessionFacts}
    /**
     * The new (deduplicated) events of one frame, in order, and the session facts the transcript
     * derived with them in: handoff, capabilities, joined and the end are read from `facts`, never
     * decided from the events again (one owner per fact). The events themselves only matter for
     * live system errors.
     */
    | {
        readonly type: 'server.events';
        readonly epoch: number;
        readonly events: readonly ServerEvent[];
        readonly facts: SessionFacts;
        readonly replayed: boolean;
      }
    /**
     * The replay of the socket of `epoch` is over (no further batch came for a while, or a live
     * event showed nothing is missing): what it did not confirm is unconfirmed for good.
     */
    | {readonly type: 'replay.settled'; readonly epoch: number}
    /** `epoch` is the one given in the matching timer.start effect. */
    | {readonly type: 'timer.fired'; readonly epoch: number; readonly timer: TimerName}
    | {readonly type: 'user.ended'}
    | {readonly type: 'user.restart'}
    | {readonly type: 'user.retryNow'}
    | {readonly type: 'network.offline'}
    | {readonly type: 'network.online'}
    | {readonly type: 'page.hidden'}
    /** Visible again or restored from the back/forward cache: the socket may be stale. */
    | {readonly type: 'page.shown'}
    | {readonly type: 'dispose'}
  );

export type MachineEventType = MachineEvent['type'];

/** Events that report the result of async work or a timer; stale unless `epoch` is current. */
export type EpochEvent = Extract<MachineEvent, {readonly epoch: number}>;

export function isEpochEvent(event: MachineEvent): event is EpochEvent {
  return 'epoch' in event;
}
