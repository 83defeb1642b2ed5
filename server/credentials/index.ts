/**
 * `poly-chat/server`: the reference credentials endpoint for Node backends (contract §4).
 *
 * ```ts
 * import {createCredentialsHandler, credentialsOptionsFromEnv} from 'poly-chat/server';
 * const options = credentialsOptionsFromEnv();
 * if (options) app.post('/api/poly-chat/session', createCredentialsHandler(options));
 * ```
 */
export {createCredentialsHandler} from './credentials-handler.js';
export type {CredentialsHandler} from './credentials-handler.js';
export {credentialsOptionsFromEnv} from './credentials-options-from-env.js';
export type {EnvCredentialsOptions} from './credentials-options-from-env.js';
export type {CredentialsHandlerOptions, CredentialsLogger} from './options.js';
export type {ConversationStore, StoredConversation} from './conversation-store.js';
export {MemoryConversationStore} from './memory-conversation-store.js';
export type {MemoryConversationStoreOptions} from './memory-conversation-store.js';
