// What the runtime exposes to the element and the view: a read-only picture of the chat, replaced
// (never mutated) on every change. It never holds the access token.
import type {ChatErrorCode} from './error-code.js';
import type {PolyChatMessage} from '../protocol/message.js';
import type {TranscriptHandoff, TranscriptHandoffPhase} from '../protocol/transcript-types.js';

export type PolyChatStatus = 'idle' | 'connecting' | 'live' | 'handoff' | 'reconnecting' | 'ended';

export interface AgentInfo {
  readonly name?: string;
  readonly avatarUrl?: string;
}

/** Where a handoff to a person stands (the transcript reducer derives it from the handoff events). */
export type HandoffPhase = TranscriptHandoffPhase;

/** Where a handoff stands, with what the server said about it: the transcript's, as it is. */
export type HandoffInfo = TranscriptHandoff;

export interface TypingInfo {
  readonly role: 'agent' | 'live-agent';
  readonly name?: string;
}

export interface ChatError {
  /** Stable machine-readable code (every one is listed in ChatErrorCode). */
  readonly code: ChatErrorCode;
  /** Human-readable English explanation; never contains a token. */
  readonly message: string;
}

export interface ChatSnapshot {
  readonly status: PolyChatStatus;
  readonly sessionId: string | null;
  readonly messages: readonly PolyChatMessage[];
  /** The PolyAI agent, once joined. */
  readonly agent: AgentInfo | null;
  /** The human agent during a handoff. */
  readonly liveAgent: AgentInfo | null;
  readonly handoff: HandoffInfo;
  readonly typing: TypingInfo | null;
  /** Last error worth telling the user about; cleared when the chat recovers. */
  readonly error: ChatError | null;
  /** While reconnecting: the attempt number and when (epoch ms) the next try happens. */
  readonly retry: {readonly attempt: number; readonly at: number} | null;
  /** Set once the session ended: the server's reason verbatim (or 'REASON_USER_END', 'closed', 'failed'). */
  readonly endReason: string | null;
  /**
   * Ended, but the same conversation can be tried again (`reconnect()`): retries ran out, or the
   * server closed without ending it. Queued messages wait for it.
   */
  readonly reconnectable: boolean;
  /** Latest EVENT_TYPE_LANGUAGE_CHANGED language_code, if any. */
  readonly language: string | null;
  /** navigator.onLine was false last we heard. */
  readonly offline: boolean;
  /** From SESSION_START; text over this many UTF-8 bytes is refused before sending. */
  readonly maxMessageSizeBytes: number;
  /**
   * A long history replay is still going in, newest first: `messages` holds its newest part, the
   * older messages follow (none of them is news).
   */
  readonly replaying: boolean;
  /**
   * `messages` are this tab's copy of the conversation (kept by the previous page), put back before
   * the server's replay: `replaying` for the paint that shows them, and no sign of a connection.
   * Absent means false.
   */
  readonly restored?: boolean;
}
