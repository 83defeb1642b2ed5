import type {ConversationKeeper} from './conversation-keeper.js';
import type {StoredConversation} from './conversation-store.js';
import type {SealKey} from './seal.js';
import {seal, unseal} from './seal.js';
import {parseStoredConversation} from './stored-conversation-shape.js';

/** What the sealed cookie carries: the conversation and the deadline the seal is good until. */
interface SealedPayload extends StoredConversation {
  keepUntil: number;
}

function isPayload(value: StoredConversation & {keepUntil?: unknown}): value is SealedPayload {
  return typeof value.keepUntil === 'number';
}

/**
 * The cookie is the conversation itself, sealed with AES-256-GCM: any instance holding one of the
 * keys resumes it, with no shared store, and the browser can neither read nor alter it. The
 * deadline is inside the seal, so an old copy of the cookie stops working on its own.
 */
export function sealedKeeper(keys: readonly SealKey[], cookieName: string, now: () => number): ConversationKeeper {
  return {
    async load(cookie) {
      const text = unseal(keys, cookie, cookieName);
      const payload = text === null ? undefined : parseStoredConversation(text);
      if (payload === undefined || !isPayload(payload) || payload.keepUntil <= now()) return undefined;
      const {keepUntil: _keepUntil, ...conversation} = payload;
      return conversation;
    },
    async keep(conversation, ttlMs) {
      const payload: SealedPayload = {...conversation, keepUntil: now() + ttlMs};
      return seal(keys, JSON.stringify(payload), cookieName);
    },
    async forget() {},
  };
}
