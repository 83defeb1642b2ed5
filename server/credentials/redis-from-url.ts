import type {ConversationStore} from './conversation-store.js';
import {LOG_PREFIX, errorText} from './error-response.js';
import type {CredentialsLogger} from './options.js';
import type {RateLimitStore} from './rate-limit-store.js';
import {redisConversationStore} from './redis-conversation-store.js';

/** How long the first requests wait for the first connection before going on without Redis. */
const CONNECT_WAIT_MS = 1000;

/** The slice of node-redis this file uses. */
interface NodeRedisClient {
  readonly isReady: boolean;
  sendCommand(args: string[]): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
  once(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
}

export function isRedisUrl(url: string): boolean {
  return /^rediss?:\/\/[^\s]+$/.test(url);
}

/** Waits for `ready` at most `ms`; resolves either way (a command then fails fast if still offline). */
function readyWithin(client: NodeRedisClient, ms: number): Promise<void> {
  if (client.isReady) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    client.once('ready', done);
  });
}

/** A store from `POLY_CHAT_REDIS_URL`, with `close()` for the connection it owns. */
export interface OwnedRedisStore extends ConversationStore {
  readonly rateLimits: RateLimitStore;
  close(): Promise<void>;
}

/**
 * A Redis store that connects itself: node-redis (`redis`) is imported on first need, so backends
 * without Redis never load it. Starts connecting at once; while Redis is unreachable each call fails
 * fast (no offline queue), which the handler turns into "no resume" and "no shared limit", logged
 * once per outage. The URL (it may hold a password) is never logged.
 */
export function redisStoreFromUrl(url: string, logger: CredentialsLogger, prefix?: string): OwnedRedisStore {
  let client: NodeRedisClient | undefined;
  let down = false;
  const connecting = (async () => {
    let createClient: (options: object) => NodeRedisClient;
    try {
      ({createClient} = (await import('redis')) as unknown as {createClient: typeof createClient});
    } catch {
      throw new Error('POLY_CHAT_REDIS_URL needs the `redis` package: npm install redis');
    }
    client = createClient({url, disableOfflineQueue: true});
    client.on('error', (error) => {
      if (down) return;
      down = true;
      logger.error(`${LOG_PREFIX} Redis unreachable (${errorText(error).split(url).join('[redis url]')}); retrying`);
    });
    client.on('ready', () => {
      down = false;
    });
    void client.connect().catch(() => {});
    const store = redisConversationStore(client, prefix === undefined ? {} : {prefix});
    // Once: after this, calls while Redis is down fail at once instead of each waiting.
    await readyWithin(client, CONNECT_WAIT_MS);
    return store;
  })();
  // A missing package is reported on first use, by the handler.
  connecting.catch(() => {});
  const store = (): Promise<ConversationStore & {readonly rateLimits: RateLimitStore}> => connecting;
  return {
    get: async (key) => (await store()).get(key),
    set: async (key, value, ttlMs) => (await store()).set(key, value, ttlMs),
    delete: async (key) => (await store()).delete(key),
    rateLimits: {
      take: async (key, policy, now) => (await store()).rateLimits.take(key, policy, now),
      acquire: async (key, limit, leaseMs, now) => (await store()).rateLimits.acquire(key, limit, leaseMs, now),
    },
    async close() {
      await connecting.catch(() => {});
      if (client === undefined) return;
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}
