// Sealed-cookie mode (POLY_CHAT_SECRET): the conversation travels in the cookie, encrypted, so any
// instance with the secret resumes it. Two handlers on two ports share one fake PolyAI and one clock.
import assert from 'node:assert/strict';
import {afterEach, describe, test} from 'node:test';
import {createCredentialsHandler} from '../../server/credentials/index.js';
import type {Harness} from './credentials-fixture.js';
import {ACCESS_TOKEN_PATH, CONNECTOR_TOKEN, X_HOST, cookieOf, postCredentials, startHarness} from './credentials-fixture.js';

const SECRET = 'k1-0123456789abcdefghijklmnopqrstuvwxyz';
const OTHER_SECRET = 'k2-zyxwvutsrqponmlkjihgfedcba9876543210';
const SEALED_COOKIE = /^poly_chat_sid=v1\.[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax$/;

const harnesses: Harness[] = [];
afterEach(async () => {
  // Instances first: the first one owns the shared upstream.
  for (const h of harnesses.splice(0).reverse()) await h.close();
});

/** Instance A, then instances sharing its PolyAI and clock, each with its own options. */
async function instances(...options: Parameters<typeof startHarness>[0][]): Promise<Harness[]> {
  for (const option of options) {
    const first = harnesses[0];
    harnesses.push(await startHarness(option, undefined, first && {upstream: first.upstream, clock: first.clock}));
  }
  return harnesses;
}

describe('sealed cookie: any instance resumes', () => {
  test('a conversation started on one instance resumes on another, and on a restarted one, without calling PolyAI', async () => {
    const [a, b] = await instances({secret: SECRET}, {secret: SECRET});
    assert.ok(a && b);
    const first = await postCredentials(a.url, {});
    assert.match(first.headers['set-cookie']?.[0] ?? '', SEALED_COOKIE);
    a.clock.now += 60_000;
    const onB = await postCredentials(b.url, {}, cookieOf(first));
    assert.equal(onB.status, 200);
    assert.deepEqual(onB.json, {access_token: 'tok-1', session_id: 'sess-1', base_url: a.upstream.url, expires_in: 86400 - 60});
    const [restarted] = (await instances({secret: SECRET})).slice(-1);
    assert.equal((await postCredentials(restarted!.url, {}, cookieOf(first))).json.session_id, 'sess-1');
    assert.equal(a.upstream.calls(ACCESS_TOKEN_PATH).length, 1, 'only the first request reached PolyAI');
  });

  test('nothing about the conversation is readable from the cookie', async () => {
    const [a] = await instances({secret: SECRET});
    const cookie = cookieOf(await postCredentials(a!.url, {streaming: true}));
    const value = cookie.slice(cookie.indexOf('=') + 1);
    const decoded = [value, Buffer.from(value.slice(3), 'base64url').toString('latin1'), Buffer.from(value.slice(3), 'base64').toString('latin1')];
    for (const secret of ['tok-1', 'sess-1', a!.upstream.url, '127.0.0.1', 'streaming', 'accessToken', CONNECTOR_TOKEN]) {
      for (const text of decoded) assert.ok(!text.includes(secret), `"${secret}" readable in the cookie`);
    }
  });

  test('a tampered, truncated or foreign-key cookie is ignored and a new conversation minted', async () => {
    const [a, foreign] = await instances({secret: SECRET}, {secret: OTHER_SECRET});
    const cookie = cookieOf(await postCredentials(a!.url, {}));
    const flip = (text: string, at: number): string => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const forged = [
      flip(cookie, cookie.length - 30),
      flip(cookie, 'poly_chat_sid=v1.'.length + 2),
      cookie.slice(0, -5),
      cookie.replace('=v1.', '=v2.'),
      cookieOf(await postCredentials(foreign!.url, {})),
    ];
    let expected = 3;
    for (const bad of forged) {
      const res = await postCredentials(a!.url, {}, bad);
      assert.equal(res.status, 200);
      assert.equal(res.json.session_id, `sess-${expected++}`, bad);
      assert.match(res.headers['set-cookie']?.[0] ?? '', SEALED_COOKIE);
      assert.notEqual(cookieOf(res), bad);
    }
  });

  test('a cookie past its sealed deadline (idle timeout) is ignored; a resume reseals it with a new deadline', async () => {
    const [a] = await instances({secret: SECRET, idleTimeoutMs: 10 * 60_000});
    const first = await postCredentials(a!.url, {});
    a!.clock.now += 9 * 60_000;
    const resumed = await postCredentials(a!.url, {}, cookieOf(first));
    assert.equal(resumed.json.session_id, 'sess-1');
    assert.match(resumed.headers['set-cookie']?.[0] ?? '', SEALED_COOKIE, 'resealed with a later deadline');
    a!.clock.now += 9 * 60_000;
    assert.equal((await postCredentials(a!.url, {}, cookieOf(resumed))).json.session_id, 'sess-1', 'the resealed cookie is still good');
    assert.equal((await postCredentials(a!.url, {}, cookieOf(first))).json.session_id, 'sess-2', 'the first cookie has expired');
  });

  test('a sealed value only opens under the cookie name it was sealed for', async () => {
    const [a, b] = await instances({secret: SECRET}, {secret: SECRET, cookieName: 'chat_id'});
    const value = cookieOf(await postCredentials(a!.url, {})).split('=')[1];
    assert.equal((await postCredentials(b!.url, {}, `chat_id=${value}`)).json.session_id, 'sess-2');
  });

  test('rotation: with [new, old] cookies sealed with the old key still open, new ones are sealed with the new key', async () => {
    const [old, rotated, newOnly] = await instances({secret: OTHER_SECRET}, {secret: [SECRET, OTHER_SECRET]}, {secret: SECRET});
    const before = cookieOf(await postCredentials(old!.url, {}));
    assert.equal((await postCredentials(rotated!.url, {}, before)).json.session_id, 'sess-1');
    assert.equal((await postCredentials(newOnly!.url, {}, before)).json.session_id, 'sess-2', 'the old key alone is no longer accepted');
    rotated!.clock.now += 5_000; // past the new_session cool-down
    const after = cookieOf(await postCredentials(rotated!.url, {new_session: true}, before));
    assert.equal((await postCredentials(newOnly!.url, {}, after)).json.session_id, 'sess-3');
  });
});

describe('mode selection and the single-instance warning', () => {
  const base = {baseUrl: 'https://messaging.poly.ai', connectorToken: CONNECTOR_TOKEN, host: X_HOST};
  const warnings = (options: Partial<Parameters<typeof createCredentialsHandler>[0]>): string[] => {
    const logs: string[] = [];
    createCredentialsHandler({...base, ...options, logger: {warn: (m) => logs.push(m), error: (m) => logs.push(m)}});
    return logs;
  };

  test('the memory store logs once, at creation, that it is single-instance; a secret or a store does not', () => {
    const logs = warnings({});
    assert.equal(logs.length, 1);
    assert.match(logs[0] ?? '', /single instance.*POLY_CHAT_SECRET.*POLY_CHAT_REDIS_URL/);
    assert.deepEqual(warnings({secret: SECRET}), []);
    assert.deepEqual(warnings({store: {get: () => undefined, set: () => undefined, delete: () => undefined}}), []);
    assert.deepEqual(warnings({createSession: false}), [], 'nothing is kept at all');
  });

  test('a short secret is refused without echoing it', () => {
    assert.throws(
      () => createCredentialsHandler({...base, secret: [SECRET, 'short-secret']}),
      (error: Error) => /secret must be one or more strings of at least 32 characters/.test(error.message) && !error.message.includes('short-secret'),
    );
  });
});
