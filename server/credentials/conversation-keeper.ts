import type {StoredConversation} from './conversation-store.js';

/**
 * Where the browser's conversation is kept between requests, behind the cookie: a store keyed by an
 * opaque id in the cookie, or the cookie itself, sealed. The handler only speaks to this.
 */
export interface ConversationKeeper {
  /** The conversation a cookie value stands for, if it is still kept. */
  load(cookie: string): Promise<StoredConversation | undefined>;
  /**
   * Keeps `conversation` for `ttlMs`: a new one when `cookie` is null, else the one that cookie
   * resumed (its idle deadline restarts). Returns the cookie value to set, or null to leave it.
   */
  keep(conversation: StoredConversation, ttlMs: number, cookie: string | null): Promise<string | null>;
  /** Drops what a replaced cookie stood for (a sealed cookie simply stops being sent). */
  forget(cookie: string): Promise<void>;
}
