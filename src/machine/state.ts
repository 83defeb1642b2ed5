// The session machine's states: a discriminated union on `status` (contract.md §2), each carrying
// the data the next decision needs. The machine never holds the access token; the runtime keeps
// credentials per epoch and the machine names which epoch's credentials to use.
import type {HandoffStage} from '../protocol/session-facts.js';
import type {Capabilities} from '../protocol/wire.js';
import type {MachineError} from './machine-error.js';
import type {TimerName} from './timer-name.js';

/**
 * Steps of (re-)establishing a connection, in order. `waiting` = nothing in flight: a retry timer
 * runs (retryAt set) or, while offline, we wait for `network.online` (retryAt null).
 */
export type ConnectPhase = 'waiting' | 'credentials' | 'session' | 'socket' | 'history';

/**
 * Phases of an established chat: status live/handoff. `ready` = socket open and its replay
 * processed (or given up on). `replay` = a resumed socket is open and usable, its replay not in
 * yet (open means open: a server may send no batch at all, Q5). `recycle-socket` = the silent
 * socket replacement before the 2 h cap is opening.
 */
export type LinkPhase = 'ready' | 'replay' | 'recycle-socket';

export type Phase = ConnectPhase | LinkPhase;

export type {HandoffStage} from '../protocol/session-facts.js';

/** Fields every state has. */
export interface BaseState {
  /** Generation of the current async operation; events of any other epoch are stale. */
  readonly epoch: number;
  /** The browser told us it is offline: no automatic retries until it is online again. */
  readonly offline: boolean;
  /** Timers the runtime is running for us (all started in `epoch`). Empty in idle and ended. */
  readonly timers: readonly TimerName[];
}

/** Everything the machine knows about the conversation and its connection. */
export interface SessionData extends BaseState {
  /** Ask for streamed replies (from `start`). */
  readonly streaming: boolean;
  /** Epoch of the credentials.fetch whose result is in use; null = fetch credentials next. */
  readonly credentialsEpoch: number | null;
  /**
   * What the next credentials.fetch asks for: true once a conversation is over (new-session path,
   * restart, a refused token); false for the first one and for a re-fetch for the same conversation.
   */
  readonly newSession: boolean;
  readonly baseUrl: string | null;
  /**
   * The credentials came with a session (the backend created or resumed it): the backend holds the
   * pair, so asking again (newSession false) hands the same conversation back.
   */
  readonly credentialsHadSession: boolean;
  /**
   * The held credentials were just fetched and no socket has opened with them yet. A socket
   * refused now counts against the session: the fetch proved that the network reaches our backend.
   */
  readonly credentialsFresh: boolean;
  /** The PolyAI session; null = create one next (once credentials are in hand). */
  readonly sessionId: string | null;
  /** When the access token expires (epoch ms), if the credentials said so. */
  readonly expiresAt: number | null;
  /** The transcript's (SessionFacts), cached for the session. */
  readonly capabilities: Capabilities | null;
  /** The join was sent, or the transcript saw the agent join (or the join's echo): never send it again. */
  readonly joined: boolean;
  /**
   * Epoch of the socket an unconfirmed join went out on (neither its echo nor POLY_AGENT_JOINED
   * seen since); null = none. A join lost with its socket goes out again once the next socket's
   * replay has settled without confirming it.
   */
  readonly joinPendingOn: number | null;
  /** Joins re-sent after conversation-level system errors on this session (bounded). */
  readonly joinResends: number;
  /** The transcript's (SessionFacts): read, never decided here. */
  readonly handoff: HandoffStage;
  /** Reached a processed history since start/restart: later re-connections show 'reconnecting'. */
  readonly established: boolean;
  /** Retries that spent the budget since the last stable connection (0 = first try). */
  readonly attempt: number;
  /** Failed steps in a row since the last stable connection, of any kind: the backoff grows with it. */
  readonly failures: number;
  /** When the running retry timer fires (epoch ms). */
  readonly retryAt: number | null;
  /** New sessions started in a row without a stable connection in between. */
  readonly newSessionsInRow: number;
  /**
   * Sockets on this session refused (closed before open) right after fresh credentials, in a row;
   * refusalLimit() of them mean the session is gone. They are counted apart from `attempt` (as
   * the SDKs count invalid-session attempts): evidence about the session never spends the
   * network's retry budget. Any open resets it.
   */
  readonly refusedHandshakes: number;
  /** When the current socket opened. */
  readonly openedAt: number | null;
  /** Last inbound frame on the current socket. */
  readonly lastInboundAt: number | null;
  /** The server echoed a heartbeat on this session. */
  readonly heartbeatEchoed: boolean;
  /**
   * The last socket was replaced for silence before any heartbeat echo on this session: if the next
   * one opens fine, the network was not the problem.
   */
  readonly silenceReplaced: boolean;
  /**
   * Learnt: this server does not echo heartbeats (Q10): a socket replaced for silence before any
   * echo was followed by one that opened fine. Silence is then no evidence (an idle, healthy socket
   * is silent by design), so the liveness deadline is off; page.shown probes still run.
   */
  readonly echoless: boolean;
  /** A page.shown probe heartbeat is out; any inbound frame answers it. */
  readonly probing: boolean;
  /** USER_END_SESSION sent; waiting (end-grace) for SESSION_END. Nothing reconnects. */
  readonly ending: boolean;
  /** Last problem worth showing; cleared when the chat is ready again. */
  readonly error: MachineError | null;
}

export interface IdleState extends BaseState {
  readonly status: 'idle';
}

export interface ConnectingState extends SessionData {
  readonly status: 'connecting';
  readonly phase: ConnectPhase;
}

export interface ReconnectingState extends SessionData {
  readonly status: 'reconnecting';
  readonly phase: ConnectPhase;
}

export interface LiveState extends SessionData {
  readonly status: 'live';
  readonly phase: LinkPhase;
}

export interface HandoffState extends SessionData {
  readonly status: 'handoff';
  readonly phase: LinkPhase;
}

export interface EndedState extends SessionData {
  readonly status: 'ended';
  /** Server REASON_*, 'REASON_USER_END', 'closed' (server close 1000) or 'failed'. */
  readonly reason: string;
  /** `user.retryNow` can bring it back (failures, server close); otherwise only `user.restart`. */
  readonly retryable: boolean;
}

export type ActiveState = ConnectingState | ReconnectingState | LiveState | HandoffState;

export type State = IdleState | ActiveState | EndedState;

export type Status = State['status'];

/** The machine before `start`. */
export function initialState(): IdleState {
  return {status: 'idle', epoch: 0, offline: false, timers: []};
}
