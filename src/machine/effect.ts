// Effects: plain data the runtime interprets, in order, against real sockets, timers and fetch.
import type {ChatErrorCode} from '../model/error-code.js';
import type {TimerName} from './timer-name.js';

/** Why a new conversation began (a key for the transcript notice). */
export type NewSessionReason =
  // the session is gone (sockets refused MAX_REFUSED_HANDSHAKES times, `Error: Session not found`,
  // token expired), or the backend answered a re-fetch with another conversation
  | 'expired'
  | 'rejected' // the server closed with 4001
  | 'conversation-lost' // the conversation could not be re-joined
  | 'restart'; // the user asked for a new conversation

export type Effect =
  /** POST the credentials endpoint; store the result under `epoch`. */
  | {
      readonly type: 'credentials.fetch';
      readonly epoch: number;
      readonly newSession: boolean;
      readonly streaming: boolean;
    }
  /** POST /api/v1/sessions with the credentials stored under `credentialsEpoch`. */
  | {
      readonly type: 'session.create';
      readonly epoch: number;
      readonly credentialsEpoch: number;
      readonly streaming: boolean;
    }
  /**
   * Open wss://<base>/ws with the credentials stored under `credentialsEpoch`. The cursor is the
   * frame intake's (the resume point has one owner).
   */
  | {
      readonly type: 'socket.open';
      readonly epoch: number;
      readonly credentialsEpoch: number;
      readonly sessionId: string;
    }
  /** Close the socket of `epoch` (detach its handlers first: no socket.closed comes back). */
  | {readonly type: 'socket.close'; readonly epoch: number; readonly code: number; readonly reason: string}
  | {readonly type: 'send.join'; readonly epoch: number}
  | {readonly type: 'send.heartbeat'; readonly epoch: number}
  | {readonly type: 'send.end'; readonly epoch: number}
  /**
   * Send the queued user messages in order on the socket of `epoch`, skipping those whose echo
   * came back in the replay just processed.
   */
  | {readonly type: 'outbox.flush'; readonly epoch: number}
  /** Start (or replace) the named timer; when it fires, dispatch timer.fired with this epoch. */
  | {readonly type: 'timer.start'; readonly timer: TimerName; readonly delayMs: number; readonly epoch: number}
  | {readonly type: 'timer.cancel'; readonly timer: TimerName}
  /** A new conversation begins: keep the old transcript, add a notice, start the new one empty. */
  | {readonly type: 'transcript.newSession'; readonly reason: NewSessionReason}
  | {readonly type: 'emit.error'; readonly code: ChatErrorCode; readonly message: string}
  | {readonly type: 'emit.end'; readonly reason: string};

export type EffectType = Effect['type'];
