import type {ConversationKeeper} from './conversation-keeper.js';
import {isConversationKey, newConversationKey} from './conversation-key.js';
import type {ConversationStore} from './conversation-store.js';

/** The cookie holds an opaque random id; the conversation lives in `store` under it. */
export function storeKeeper(store: ConversationStore): ConversationKeeper {
  return {
    async load(cookie) {
      return isConversationKey(cookie) ? await store.get(cookie) : undefined;
    },
    async keep(conversation, ttlMs, cookie) {
      // A new id for every new conversation: an id the browser brings is never adopted (no fixation).
      const key = cookie ?? newConversationKey();
      await store.set(key, conversation, ttlMs);
      return cookie === null ? key : null;
    },
    async forget(cookie) {
      if (isConversationKey(cookie)) await store.delete(cookie);
    },
  };
}
