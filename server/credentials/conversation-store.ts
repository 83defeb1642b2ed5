import type {RateLimitStore} from './rate-limit-store.js';

/**
 * What the credentials endpoint remembers for one browser: the PolyAI session and the access
 * token bound to it. PolyAI binds a token to the session created with it, so the two are only
 * ever stored, returned and dropped together.
 */
export interface StoredConversation {
  /** PolyAI session id (`POST /api/v1/sessions`). */
  sessionId: string;
  /** PolyAI access token the session was created with. A secret: never log it. */
  accessToken: string;
  /** When the access token expires, epoch milliseconds. */
  expiresAt: number;
  /** `streaming_enabled` the session was created with (fixed for the session's life). */
  streaming: boolean;
  /** The `base_url` handed to the browser with this pair. */
  baseUrl: string;
  /** When the pair was minted, epoch milliseconds: the `new_session` cool-down counts from it. */
  startedAt?: number;
}

/**
 * Server-side storage for conversations, keyed by the opaque random id in the browser's cookie.
 *
 * Implement it over Redis, a database or your session middleware when the backend runs on more
 * than one process; the default is an in-memory Map (see `MemoryConversationStore`).
 *
 * - Methods may be sync or async; the handler awaits them.
 * - `set` receives `ttlMs`, how long the entry is worth keeping (until the token gets too close to
 *   expiry, or the conversation has been idle too long, whichever is sooner). Stores with native
 *   expiry should use it (Redis `SET key value PX ttlMs`); a store that ignores it stays correct,
 *   because the handler checks `expiresAt` itself, but it grows.
 * - `set` is called again on every resume, which refreshes the idle deadline.
 * - Values hold access tokens: keep the store private to the backend, and encrypt at rest if it is
 *   shared infrastructure.
 * - The store only makes resuming possible. When it throws, the handler logs an error and carries
 *   on without it: the chat still works, a reload just starts a new conversation.
 */
export interface ConversationStore {
  get(key: string): Promise<StoredConversation | undefined> | StoredConversation | undefined;
  set(key: string, value: StoredConversation, ttlMs: number): Promise<void> | void;
  delete(key: string): Promise<void> | void;
  /** A store shared by the instances may share the rate limits too (`redisConversationStore` does). */
  readonly rateLimits?: RateLimitStore;
}
