import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ConversationStore} from '../../server/credentials/index.js';
import {clientKey} from '../../server/credentials/client-ip.js';
import {MemoryRateLimits} from '../../server/credentials/memory-rate-limits.js';
import {perMinute, takeToken} from '../../server/credentials/token-bucket.js';
import type {HttpResult} from './credentials-fixture.js';
import {ACCESS_TOKEN_PATH, cookieOf, postCredentials, useHarnesses} from './credentials-fixture.js';

const start = useHarnesses();

const from = (ip: string): Record<string, string> => ({'X-Forwarded-For': ip});

function assertLimited(res: HttpResult, retryAfter: string): void {
  assert.equal(res.status, 429, res.text);
  assert.equal(res.json.error, 'rate_limited');
  assert.equal(res.headers['retry-after'], retryAfter);
  assert.equal(res.headers['set-cookie'], undefined);
}

describe('token bucket (pure)', () => {
  const policy = perMinute(10);
  test('a new client has a full bucket; each take costs one token', () => {
    let state = takeToken(undefined, policy, 0).state;
    assert.equal(state.tokens, 9);
    for (let i = 0; i < 9; i++) state = takeToken(state, policy, 0).state;
    const refused = takeToken(state, policy, 0);
    assert.deepEqual([refused.allowed, refused.retryAfterMs], [false, 6000], 'one token comes back every 6 s');
  });

  test('tokens come back with time, never beyond the capacity', () => {
    const empty = {tokens: 0, updatedAt: 0};
    assert.deepEqual([takeToken(empty, policy, 5999).allowed, takeToken(empty, policy, 5999).retryAfterMs], [false, 1]);
    assert.equal(takeToken(empty, policy, 6000).allowed, true);
    assert.equal(takeToken(empty, policy, 3_600_000).state.tokens, 9, 'capped at 10, minus the one taken');
    assert.equal(takeToken({tokens: 5, updatedAt: 1000}, policy, 0).state.tokens, 4, 'a clock going backwards adds nothing');
  });
});

describe('client key', () => {
  test('IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64', () => {
    assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.notEqual(clientKey('2001:db8:1:3::1'), clientKey('2001:db8:1:2::1'));
  });
});

describe('MemoryRateLimits', () => {
  test('stays bounded: refilled buckets are forgotten, and past the cap the least recently used goes', async () => {
    const limits = new MemoryRateLimits(100);
    for (let i = 0; i < 1000; i++) await limits.take(`k${i}`, perMinute(10), 0);
    assert.equal(limits.bucketCount, 100);
    await limits.take('late', perMinute(10), 60_000);
    assert.equal(limits.bucketCount, 1, 'every bucket older than a minute had refilled');
  });

  test('slots: at most `limit` held at once; a release is counted once', async () => {
    const limits = new MemoryRateLimits();
    const first = await limits.acquire('upstream', 2);
    const second = await limits.acquire('upstream', 2);
    assert.ok(first && second);
    assert.equal(await limits.acquire('upstream', 2), null);
    await first();
    await first();
    const third = await limits.acquire('upstream', 2);
    assert.ok(third);
    assert.equal(await limits.acquire('upstream', 2), null, 'the double release freed one slot, not two');
  });
});

describe('credentials handler: mint limit per client IP', () => {
  test('the 11th new conversation within a minute gets 429 with Retry-After and no upstream call; time refills it', async () => {
    const h = await start({trustProxy: true});
    for (let i = 0; i < 10; i++) assert.equal((await postCredentials(h.url, {}, undefined, from('203.0.113.7'))).status, 200);
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 10);
    assertLimited(await postCredentials(h.url, {}, undefined, from('203.0.113.7')), '6');
    assertLimited(await postCredentials(h.url, {new_session: true}, undefined, from('203.0.113.7')), '6');
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 10, 'refused before any upstream call');
    assert.equal((await postCredentials(h.url, {}, undefined, from('198.51.100.1'))).status, 200, 'another client is not affected');
    h.clock.now += 6_000;
    assert.equal((await postCredentials(h.url, {}, undefined, from('203.0.113.7'))).status, 200);
    assertLimited(await postCredentials(h.url, {}, undefined, from('203.0.113.7')), '6');
  });

  test('resuming costs nothing: a limited client still gets its conversation back', async () => {
    const h = await start({limits: {mintsPerMinute: 1}});
    const cookie = cookieOf(await postCredentials(h.url, {}));
    assertLimited(await postCredentials(h.url, {}), '60');
    assert.equal((await postCredentials(h.url, {}, cookie)).json.session_id, 'sess-1');
  });

  test('without trustProxy X-Forwarded-For is ignored; with it only the entry the proxy added counts', async () => {
    const direct = await start({limits: {mintsPerMinute: 1}});
    assert.equal((await postCredentials(direct.url, {}, undefined, from('10.0.0.1'))).status, 200);
    assertLimited(await postCredentials(direct.url, {}, undefined, from('10.0.0.2')), '60');
    await direct.close();

    const proxied = await start({limits: {mintsPerMinute: 1}, trustProxy: true});
    assert.equal((await postCredentials(proxied.url, {}, undefined, from('1.1.1.1, 10.0.0.1'))).status, 200);
    assertLimited(await postCredentials(proxied.url, {}, undefined, from('2.2.2.2, 10.0.0.1')), '60');
  });

  test('createSession:false mints are limited too', async () => {
    const h = await start({createSession: false, limits: {mintsPerMinute: 2}});
    assert.equal((await postCredentials(h.url, {})).status, 200);
    assert.equal((await postCredentials(h.url, {})).status, 200);
    assertLimited(await postCredentials(h.url, {}), '30');
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 2);
  });

  test('mintsPerMinute: 0 turns the limit off', async () => {
    const h = await start({limits: {mintsPerMinute: 0}});
    for (let i = 0; i < 15; i++) assert.equal((await postCredentials(h.url, {})).status, 200);
  });
});

describe('credentials handler: concurrent mints', () => {
  test('over maxConcurrentMints in flight → 429 Retry-After: 1 with no upstream call; a finished mint frees its slot', async () => {
    const h = await start({limits: {maxConcurrentMints: 2}});
    let open = (): void => {};
    const hold = new Promise<void>((resolve) => (open = resolve));
    h.upstream.script(ACCESS_TOKEN_PATH, {hold}, {hold});
    const first = postCredentials(h.url, {});
    const second = postCredentials(h.url, {});
    await h.upstream.received(2);
    assertLimited(await postCredentials(h.url, {}), '1');
    assert.equal(h.upstream.requests.length, 2);
    open();
    assert.deepEqual([(await first).status, (await second).status], [200, 200]);
    assert.equal((await postCredentials(h.url, {})).status, 200, 'both slots are free again');
  });

  test('a failed mint frees its slot too', async () => {
    const h = await start({limits: {maxConcurrentMints: 1}});
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 401, body: {message: 'no'}});
    assert.equal((await postCredentials(h.url, {})).status, 502);
    assert.equal((await postCredentials(h.url, {})).status, 200);
  });
});

describe('credentials handler: new_session cool-down', () => {
  for (const mode of ['memory store', 'sealed cookie'] as const) {
    test(`${mode}: new_session:true within 5 s of the conversation's start → 429 with the time left, no upstream call`, async () => {
      const h = await start(mode === 'sealed cookie' ? {secret: 's'.repeat(32)} : {});
      const cookie = cookieOf(await postCredentials(h.url, {}));
      h.clock.now += 1_500;
      assertLimited(await postCredentials(h.url, {new_session: true}, cookie), '4');
      assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 1);
      assert.equal((await postCredentials(h.url, {}, cookie)).json.session_id, 'sess-1', 'the conversation itself is untouched');
      h.clock.now += 3_500;
      const fresh = await postCredentials(h.url, {new_session: true}, cookie);
      assert.equal(fresh.json.session_id, 'sess-2');
      assertLimited(await postCredentials(h.url, {new_session: true}, cookieOf(fresh)), '5');
    });
  }
});

describe('credentials handler: a failing limit store', () => {
  test('is logged and lets the request through (the limits guard PolyAI, not the chat)', async () => {
    const map = new Map<string, Parameters<ConversationStore['set']>[1]>();
    const store: ConversationStore = {
      get: (key) => map.get(key),
      set: (key, value) => void map.set(key, value),
      delete: (key) => void map.delete(key),
      rateLimits: {take: () => Promise.reject(new Error('limits down')), acquire: () => Promise.reject(new Error('limits down'))},
    };
    const h = await start({store});
    assert.equal((await postCredentials(h.url, {})).status, 200);
    assert.ok(h.logs.some((line) => line.startsWith('error:') && line.includes('limits down')), h.logs.join('\n'));
  });
});
