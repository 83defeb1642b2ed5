import {randomUUID} from 'node:crypto';
import type {RateLimitStore, ReleaseSlot} from './rate-limit-store.js';
import type {RedisCommand} from './redis-client.js';

// The same arithmetic as takeToken (token-bucket.ts), run inside Redis so that instances sharing
// it share the bucket; tokens are stored as text to keep their fraction. KEYS[1] the bucket;
// ARGV capacity, refill per ms, now. Returns {allowed 0/1, retry after ms}.
const TAKE_TOKEN = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1])
local at = tonumber(saved[2])
if tokens == nil or at == nil then tokens = capacity; at = now end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
local retry = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 else retry = math.ceil((1 - tokens) / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate) + 1000)
return {allowed, retry}
`;

// A counting semaphore: a sorted set of holders scored by when their lease runs out, so a crashed
// instance's slots come back on their own. KEYS[1] the set; ARGV limit, now, lease ms, holder id.
const ACQUIRE_SLOT = `
local now = tonumber(ARGV[2])
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[1], lease)
return 1
`;

/** Rate limits in Redis, shared by every instance that uses the same server and prefix. */
export function redisRateLimits(command: RedisCommand, prefix: string): RateLimitStore {
  return {
    async take(key, policy, now) {
      const reply = await command(['EVAL', TAKE_TOKEN, '1', `${prefix}limit:${key}`, String(policy.capacity), String(policy.refillPerMs), String(now)]);
      const [allowed, retryAfterMs] = Array.isArray(reply) ? reply.map(Number) : [];
      return {allowed: allowed === 1, retryAfterMs: retryAfterMs ?? 0};
    },
    async acquire(key, limit, leaseMs, now): Promise<ReleaseSlot | null> {
      const set = `${prefix}slots:${key}`;
      const holder = randomUUID();
      const reply = await command(['EVAL', ACQUIRE_SLOT, '1', set, String(limit), String(now), String(leaseMs), holder]);
      if (Number(reply) !== 1) return null;
      return async () => {
        await command(['ZREM', set, holder]);
      };
    },
  };
}
