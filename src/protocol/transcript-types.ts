// Public shapes of the transcript reducer: its state (everything the UI needs from the protocol),
// its actions, and the typing time-outs. The runtime derives ChatSnapshot from TranscriptState.
import type {PolyChatMessage} from './message.js';
import type {Capabilities, ServerEvent, SystemMessageLevel} from './wire.js';

/** The snapshot's HandoffPhase (model/snapshot.ts) is this union. */
export type TranscriptHandoffPhase =
  | 'none'
  | 'requested' // POLY_AGENT_TRIGGERED_HANDOFF
  | 'queued' // HANDOFF_ACCEPTED / HANDOFF_QUEUE_STATUS
  | 'connected' // LIVE_AGENT_JOINED
  | 'agent-left' // LIVE_AGENT_LEFT (the chat stays usable until SESSION_END)
  | 'client-required' // CLIENT_HANDOFF_REQUIRED
  | 'failed' // HANDOFF_FAILED
  | 'timeout'; // HANDOFF_TIMEOUT

/** The snapshot's HandoffInfo (model/snapshot.ts) is this type. */
export interface TranscriptHandoff {
  readonly phase: TranscriptHandoffPhase;
  /** Latest queue_name seen on any handoff event of the session. */
  readonly queueName?: string;
  /** 'queued' from HANDOFF_QUEUE_STATUS only. */
  readonly positionInQueue?: number;
  readonly estimatedWaitSeconds?: number;
  readonly displayMessage?: string;
  /** 'client-required' only. */
  readonly route?: string;
  /** 'client-required', 'failed', 'timeout', 'agent-left' when the server gave one. */
  readonly reason?: string;
}

/** A PolyAI agent (POLY_AGENT_JOINED) or a human (LIVE_AGENT_JOINED). Assignable to AgentInfo. */
export interface TranscriptAgent {
  readonly id?: string;
  readonly name?: string;
  readonly avatarUrl?: string;
}

/** THINKING shows the agent typing at most this long (the SDKs' safety timeout, §6.1). */
export const AGENT_TYPING_TTL_MS = 10_000;
/** LIVE_AGENT_TYPING STARTED lasts this long unless refreshed, STOPPED or answered. */
export const LIVE_TYPING_TTL_MS = 15_000;

/** Assignable to runtime/snapshot.ts TypingInfo; `expiresAt` is epoch ms (from the action's `now`). */
export interface TranscriptTyping {
  readonly role: 'agent' | 'live-agent';
  readonly name?: string;
  readonly expiresAt: number;
}

/**
 * The reducer's state. Treat it as immutable and only make it with createTranscript /
 * reduceTranscript: the reducer keeps private indexes beside it (never visible on the object).
 * `messages` is computed on first read and then cached, so a loop of actions that nobody reads in
 * between costs no array copies.
 */
export interface TranscriptState {
  /** Display order: (segment, sequence); see transcript.ts for the placement rules. */
  readonly messages: readonly PolyChatMessage[];
  /** Set by the 'new-session' action; null until then. */
  readonly sessionId: string | null;
  /** 0 for the first conversation, +1 for each later one kept in the same transcript. */
  readonly segment: number;
  /** Highest non-null sequence of this session (the reconnect cursor). Never lowered; 0 = none. */
  readonly lastSequence: number;
  /** From the session's first SESSION_START (lowest sequence); null until seen. */
  readonly capabilities: Capabilities | null;
  /** A SESSION_START of this session was applied. */
  readonly started: boolean;
  /** POLY_AGENT_JOINED or the REQUEST_POLY_AGENT_JOIN echo was seen: never send the join again. */
  readonly joined: boolean;
  /** The PolyAI agent of the latest POLY_AGENT_JOINED. */
  readonly agent: TranscriptAgent | null;
  /** The human of the latest LIVE_AGENT_JOINED (kept after LIVE_AGENT_LEFT; see handoff.phase). */
  readonly liveAgent: TranscriptAgent | null;
  readonly handoff: TranscriptHandoff;
  /** Who is typing, until `expiresAt`. Use isTypingVisible(state, now) between actions. */
  readonly typing: TranscriptTyping | null;
  /** Latest LANGUAGE_CHANGED (by sequence) of this session. */
  readonly language: string | null;
  /** SESSION_END reason (normalised REASON_*, or the server's own string); null while running. */
  readonly endReason: string | null;
  /** A POLY_AGENT_MESSAGE carried end_conversation: true ([S]); the session end should follow. */
  readonly endConversation: boolean;
}

export type TranscriptAction =
  /** Decoded server events (one frame or many), applied in one step; `now` is epoch ms. */
  | {readonly type: 'server'; readonly events: readonly ServerEvent[]; readonly now: number}
  /** The user sent `text`; shown at the end with delivery 'sending' until its echo. */
  | {readonly type: 'local-send'; readonly clientEventId: string; readonly text: string; readonly now: number}
  /**
   * The message went out on a socket (or may have: an earlier page's). Until then no echo without
   * client_event_id can be its own: a replayed echo with its text is an older message.
   */
  | {readonly type: 'local-transmitted'; readonly clientEventId: string}
  /** No echo in time: 'sending' → 'failed' (no-op once the echo arrived). */
  | {readonly type: 'local-failed'; readonly clientEventId: string}
  /** The user retries: 'failed' → 'sending', moved to the end again. */
  | {readonly type: 'local-retry'; readonly clientEventId: string}
  /**
   * A notice the client writes itself (session expired, reconnect failed, …): a system message
   * with noticeKey/noticeParams for localisation and `text` as the English fallback. Applying the
   * same notice twice adds it once: identity is `id`, else `${key}@${now}`.
   */
  | {
      readonly type: 'notice';
      readonly key: string;
      readonly text: string;
      readonly level: SystemMessageLevel;
      readonly params?: Readonly<Record<string, string>>;
      readonly id?: string;
      readonly now: number;
    }
  /**
   * A new conversation continues this transcript (after expiry or restart): old messages stay, the
   * new session's messages sort after them; dedup, cursor, join, agent, handoff, typing, language
   * and end state start afresh. Unconfirmed 'sending' messages move to the new session's end.
   * The first new-session on a transcript that has seen no server event just names the session.
   */
  | {readonly type: 'new-session'; readonly sessionId: string}
  /** Time passed: clears an expired typing indicator. */
  | {readonly type: 'tick'; readonly now: number};
