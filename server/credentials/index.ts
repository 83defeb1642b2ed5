/**
 * `poly-chat/server`: the reference credentials endpoint for Node backends (contract §4).
 *
 * ```ts
 * import {createCredentialsHandler, credentialsOptionsFromEnv} from 'poly-chat/server';
 * const options = credentialsOptionsFromEnv();
 * if (options) app.post('/api/poly-chat/session', createCredentialsHandler(options));
 * ```
 *
 * Nothing here loads a Redis client unless `redisUrl` / POLY_CHAT_REDIS_URL asks for it.
 */
export {createCredentialsHandler} from './credentials-handler.js';
export type {CredentialsHandler} from './credentials-handler.js';
export {credentialsOptionsFromEnv} from './credentials-options-from-env.js';
export type {EnvCredentialsOptions} from './credentials-options-from-env.js';
export type {CredentialsHandlerOptions, CredentialsLogger} from './options.js';
export type {ConversationStore, StoredConversation} from './conversation-store.js';
export {MemoryConversationStore} from './memory-conversation-store.js';
export type {MemoryConversationStoreOptions} from './memory-conversation-store.js';
export {redisConversationStore} from './redis-conversation-store.js';
export type {RedisConversationStoreOptions} from './redis-conversation-store.js';
export type {RedisClientLike} from './redis-client.js';
export type {MintLimits} from './mint-admission.js';
export type {RateLimitStore, ReleaseSlot} from './rate-limit-store.js';
export type {BucketPolicy} from './token-bucket.js';
