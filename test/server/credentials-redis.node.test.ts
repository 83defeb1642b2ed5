// Redis mode against a real redis-server that this file starts on a free loopback port (Debian's
// package, installed on first use). Skipped, saying why, only where it cannot be installed.
import assert from 'node:assert/strict';
import {after, afterEach, beforeEach, describe, test} from 'node:test';
import {createClient} from 'redis';
import type {CredentialsHandlerOptions, StoredConversation} from '../../server/credentials/index.js';
import {createCredentialsHandler, redisConversationStore} from '../../server/credentials/index.js';
import {MemoryRateLimits} from '../../server/credentials/memory-rate-limits.js';
import {redisCommand} from '../../server/credentials/redis-client.js';
import {redisRateLimits} from '../../server/credentials/redis-rate-limits.js';
import {perMinute} from '../../server/credentials/token-bucket.js';
import {startRedisServer} from '../helpers/node/redis-server.js';
import type {Harness} from './credentials-fixture.js';
import {ACCESS_TOKEN_PATH, CONNECTOR_TOKEN, X_HOST, closedPortUrl, cookieOf, postCredentials, startHarness} from './credentials-fixture.js';

const server = await startRedisServer();
// skip: only where no redis-server can be found or installed (npm test installs it when root); the closing line counts it.
const skip = 'skip' in server ? `no redis-server: ${server.skip}` : false;
if (skip) console.log(`# Redis tests skipped: ${skip}`);
const redisUrl = 'url' in server ? server.url : '';

const clients: {close(): Promise<void>}[] = [];
async function connect() {
  const client = createClient({url: redisUrl});
  clients.push(client);
  await client.connect();
  return client;
}

const harnesses: Harness[] = [];
/** Instance A, then instances sharing its PolyAI and clock; each gets its own Redis connection. */
async function instances(count: number, options: Partial<CredentialsHandlerOptions> = {}): Promise<Harness[]> {
  for (let i = 0; i < count; i++) {
    const first = harnesses[0];
    const store = redisConversationStore(await connect());
    harnesses.push(await startHarness({store, ...options}, undefined, first && {upstream: first.upstream, clock: first.clock}));
  }
  return harnesses;
}

const conversation: StoredConversation = {sessionId: 's-1', accessToken: 't-1', expiresAt: 9e12, streaming: true, baseUrl: 'https://messaging.poly.ai', startedAt: 5};

// skip: see above (no redis-server on this machine).
describe('Redis', {skip}, () => {
  let admin: Awaited<ReturnType<typeof connect>> | undefined;
  beforeEach(async () => {
    admin ??= await connect();
    await admin.flushDb();
  });
  const redis = (): NonNullable<typeof admin> => {
    assert.ok(admin);
    return admin;
  };
  afterEach(async () => {
    for (const h of harnesses.splice(0).reverse()) await h.close();
  });
  after(async () => {
    for (const client of clients.splice(0)) await client.close();
    if ('stop' in server) await server.stop();
  });

  describe('redisConversationStore', () => {
    test('keeps a conversation under <prefix>conv:<id> with Redis expiry at the TTL; delete and a zero TTL remove it', async () => {
      const store = redisConversationStore(await connect());
      await store.set('abc', conversation, 60_000);
      assert.deepEqual(await store.get('abc'), conversation);
      const ttl = await redis().pTTL('poly-chat:conv:abc');
      assert.ok(ttl > 0 && ttl <= 60_000, `PTTL ${ttl}`);
      await store.delete('abc');
      assert.equal(await store.get('abc'), undefined);
      await store.set('abc', conversation, 60_000);
      await store.set('abc', conversation, 0);
      assert.equal(await redis().exists('poly-chat:conv:abc'), 0);
    });

    test('a value that is not a conversation reads as none; the prefix is honoured', async () => {
      const store = redisConversationStore(await connect(), {prefix: 'app1:'});
      await redis().set('app1:conv:bad', '{"sessionId": 1}');
      await redis().set('app1:conv:text', 'not json');
      assert.equal(await store.get('bad'), undefined);
      assert.equal(await store.get('text'), undefined);
      await store.set('ok', conversation, 1000);
      assert.equal(await redis().exists('app1:conv:ok'), 1);
    });
  });

  describe('rate limits in Redis', () => {
    test('the bucket script decides exactly as the in-memory bucket for the same takes', async () => {
      const shared = redisRateLimits(redisCommand(await connect()), 'parity:');
      const memory = new MemoryRateLimits();
      const policy = perMinute(3);
      const times = [0, 0, 0, 0, 1000, 19_999, 20_000, 20_001, 80_000, 80_000, 80_000, 80_000, 80_000];
      for (const now of times) {
        assert.deepEqual(await shared.take('k', policy, now), await memory.take('k', policy, now), `at ${now} ms`);
      }
    });

    test('slots are shared across connections and a holder that never releases loses its slot at the lease', async () => {
      const a = redisRateLimits(redisCommand(await connect()), 'slots:');
      const b = redisRateLimits(redisCommand(await connect()), 'slots:');
      const held = await a.acquire('upstream', 2, 1000, 0);
      assert.ok(held && (await b.acquire('upstream', 2, 1000, 0)));
      assert.equal(await b.acquire('upstream', 2, 1000, 999), null);
      assert.ok(await b.acquire('upstream', 2, 1000, 1000), 'both leases ran out: the crashed holders’ slots are back');
      await held();
    });
  });

  describe('two instances, one conversation', () => {
    test('a conversation started on one instance is resumed on the other; new_session on it retires the old cookie everywhere', async () => {
      const [a, b] = await instances(2);
      const first = await postCredentials(a!.url, {});
      assert.match(first.headers['set-cookie']?.[0] ?? '', /^poly_chat_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
      a!.clock.now += 60_000;
      assert.deepEqual((await postCredentials(b!.url, {}, cookieOf(first))).json, {
        access_token: 'tok-1',
        session_id: 'sess-1',
        base_url: a!.upstream.url,
        expires_in: 86400 - 60,
      });
      const fresh = await postCredentials(b!.url, {new_session: true}, cookieOf(first));
      assert.equal(fresh.json.session_id, 'sess-2');
      assert.equal((await postCredentials(a!.url, {}, cookieOf(fresh))).json.session_id, 'sess-2');
      assert.equal((await postCredentials(a!.url, {}, cookieOf(first))).json.session_id, 'sess-3', 'the retired cookie resumes nothing');
      assert.equal(a!.upstream.calls(ACCESS_TOKEN_PATH).length, 3);
    });

    test('a tampered or unknown cookie is ignored and a new conversation minted; the cookie holds nothing but the id', async () => {
      const [a, b] = await instances(2);
      const cookie = cookieOf(await postCredentials(a!.url, {}));
      const id = cookie.split('=')[1] ?? '';
      const stored = await redis().get(`poly-chat:conv:${id}`);
      assert.ok(stored?.includes('tok-1'), 'the pair is in Redis');
      const tampered = `poly_chat_sid=${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`;
      assert.equal((await postCredentials(b!.url, {}, tampered)).json.session_id, 'sess-2');
      assert.equal((await postCredentials(b!.url, {}, 'poly_chat_sid=../../etc')).json.session_id, 'sess-3');
    });

    test('the mint limit per IP and the concurrent-mint cap hold across instances', async () => {
      const [a, b] = await instances(2, {limits: {mintsPerMinute: 2, maxConcurrentMints: 1}, trustProxy: true});
      const ip = {'X-Forwarded-For': '203.0.113.9'};
      assert.equal((await postCredentials(a!.url, {}, undefined, ip)).status, 200);
      assert.equal((await postCredentials(b!.url, {}, undefined, ip)).status, 200);
      const limited = await postCredentials(a!.url, {}, undefined, ip);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers['retry-after'], '30');

      let open = (): void => {};
      a!.upstream.script(ACCESS_TOKEN_PATH, {hold: new Promise<void>((resolve) => (open = resolve))});
      const held = postCredentials(a!.url, {}, undefined, {'X-Forwarded-For': '198.51.100.1'});
      await a!.upstream.received(a!.upstream.requests.length + 1);
      const busy = await postCredentials(b!.url, {}, undefined, {'X-Forwarded-For': '198.51.100.2'});
      assert.equal(busy.status, 429, 'the one slot is held by instance A');
      open();
      assert.equal((await held).status, 200);
      assert.equal((await postCredentials(b!.url, {}, undefined, {'X-Forwarded-For': '198.51.100.2'})).status, 200);
    });
  });

  describe('redisUrl (POLY_CHAT_REDIS_URL)', () => {
    test('two handlers given only the URL share conversations; close() ends their connections', async () => {
      const a = await startHarness({redisUrl});
      harnesses.push(a);
      const other = await startHarness({redisUrl}, undefined, {upstream: a.upstream, clock: a.clock});
      harnesses.push(other);
      const first = await postCredentials(a.url, {});
      assert.equal((await postCredentials(other.url, {}, cookieOf(first))).json.session_id, 'sess-1');
      assert.deepEqual(a.logs.filter((line) => line.includes('single instance')), [], 'no single-instance warning');
    });
  });
});

describe('Redis unreachable', () => {
  test('the chat still works without resume, the outage is logged once, and the URL (with its password) never is', async () => {
    const url = (await closedPortUrl()).replace('http://', 'redis://:hunter2-password@');
    const logs: string[] = [];
    const h = await startHarness({redisUrl: url, logger: {warn: (m) => logs.push(m), error: (m) => logs.push(m)}});
    try {
      for (let i = 0; i < 3; i++) {
        const res = await postCredentials(h.url, {});
        assert.equal(res.status, 200, res.text);
        assert.equal(res.headers['set-cookie'], undefined, 'nothing kept, so no cookie');
      }
      assert.equal(logs.filter((line) => line.includes('Redis unreachable')).length, 1, logs.join('\n'));
      assert.ok(logs.every((line) => !line.includes('hunter2')), logs.join('\n'));
    } finally {
      await h.close();
    }
  });
});

describe('Redis client adapter', () => {
  test('takes node-redis (sendCommand) and ioredis (call) clients, and refuses anything else', async () => {
    const sent: string[][] = [];
    await redisCommand({sendCommand: async (args: string[]) => sent.push(args)})(['GET', 'k']);
    await redisCommand({call: async (command: string, ...args: string[]) => sent.push([command, ...args])})(['SET', 'k', 'v', 'PX', '5']);
    assert.deepEqual(sent, [['GET', 'k'], ['SET', 'k', 'v', 'PX', '5']]);
    assert.throws(() => redisCommand({} as never), /node-redis client \(sendCommand\) or an ioredis client \(call\)/);
  });

  test('redisUrl must be a redis:// or rediss:// URL, and not given together with store', () => {
    const base = {baseUrl: 'https://messaging.poly.ai', connectorToken: CONNECTOR_TOKEN, host: X_HOST};
    assert.throws(() => createCredentialsHandler({...base, redisUrl: 'http://cache:6379'}), /redisUrl must be a redis:\/\/ or rediss:\/\/ URL/);
    assert.throws(
      () => createCredentialsHandler({...base, redisUrl: 'redis://cache:6379', store: {get: () => undefined, set: () => undefined, delete: () => undefined}}),
      /give store or redisUrl, not both/,
    );
  });
});
