// The surface the element (through SessionController) uses to drive a chat session. The real
// implementation is SessionRuntime; tests of the element may pass a fake with the same shape.
import type {ChatSnapshot} from './snapshot.js';
import type {CustomMetadata} from '../protocol/wire.js';

/** What the runtime asks the host for: the contract's `.credentials` callback shape (§2). */
export interface PolyChatCredentials {
  access_token: string;
  session_id?: string;
  base_url?: string;
  expires_in?: number;
}
export type CredentialsProvider = (req: {newSession: boolean; streaming: boolean}) => Promise<PolyChatCredentials>;

export interface SessionRuntimeOptions {
  /** URL of the host's credentials endpoint (contract §4); ignored when `credentials` is set. */
  endpoint?: string;
  credentials?: CredentialsProvider;
  streaming: boolean;
  /** false: keep no copy of the transcript for the next page (runtime/transcript-cache.ts). Default true. */
  transcriptCache?: boolean;
}

/**
 * Events (runtime-events.ts RuntimeEventMap): 'change' (snapshot replaced), plus the domain events the element
 * re-dispatches: 'message', 'error', 'end', as CustomEvents with typed details.
 */
export interface SessionRuntimeApi extends EventTarget {
  readonly snapshot: ChatSnapshot;
  /** Begins (or resumes, via the endpoint's cookie) the conversation. Idempotent. */
  start(): void;
  /**
   * Sends a user message; queued while not connected; delivered exactly once. `metadata`: page
   * context for metadata.custom (already checked: strings only), kept with the message until its echo.
   */
  send(text: string, metadata?: CustomMetadata): void;
  /** Retries a user message whose delivery failed. */
  retryMessage(clientEventId: string): void;
  /** USER_TYPING STARTED/STOPPED (the runtime throttles and auto-stops). */
  typing(active: boolean): void;
  /** The user leaves: EVENT_TYPE_USER_END_SESSION. */
  end(): void;
  /** Starts a new conversation (new session); the old transcript is kept above a notice. */
  restart(): Promise<void>;
  /** While reconnecting or failed: try again now instead of waiting for the backoff. */
  retryNow(): void;
  /** Closes the socket and clears every timer; the runtime is unusable afterwards. */
  dispose(): void;
}
