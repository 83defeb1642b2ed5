import type {ConversationStore} from './conversation-store.js';
import type {RateLimitStore} from './rate-limit-store.js';
import type {RedisClientLike} from './redis-client.js';
import {redisCommand} from './redis-client.js';
import {redisRateLimits} from './redis-rate-limits.js';
import {parseStoredConversation} from './stored-conversation-shape.js';

export interface RedisConversationStoreOptions {
  /** Prefix of every key this store writes. Default `poly-chat:`. */
  prefix?: string;
}

/**
 * A `ConversationStore` in Redis, for several instances of the endpoint: each conversation is one
 * key (`<prefix>conv:<id>`, JSON) that Redis expires at the handler's TTL. It shares the rate limits
 * through the same server, so they hold across instances.
 *
 * Takes a connected node-redis (`redis`) or ioredis client; the caller owns it (connects, closes).
 * Values hold access tokens: use a Redis only this backend can reach, with TLS (`rediss://`) and a
 * password when it is not on the same host.
 */
export function redisConversationStore(
  client: RedisClientLike,
  options: RedisConversationStoreOptions = {},
): ConversationStore & {readonly rateLimits: RateLimitStore} {
  const command = redisCommand(client);
  const prefix = options.prefix ?? 'poly-chat:';
  const keyOf = (key: string): string => `${prefix}conv:${key}`;
  return {
    async get(key) {
      const text = await command(['GET', keyOf(key)]);
      return typeof text === 'string' ? parseStoredConversation(text) : undefined;
    },
    async set(key, value, ttlMs) {
      const ttl = Math.floor(ttlMs);
      if (ttl < 1) await command(['DEL', keyOf(key)]);
      else await command(['SET', keyOf(key), JSON.stringify(value), 'PX', String(ttl)]);
    },
    async delete(key) {
      await command(['DEL', keyOf(key)]);
    },
    rateLimits: redisRateLimits(command, prefix),
  };
}
