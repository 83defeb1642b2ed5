import assert from 'node:assert/strict';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {describe, test} from 'node:test';
import type {ConversationStore} from '../../server/credentials/index.js';
import {
  ACCESS_TOKEN_PATH,
  CONNECTOR_TOKEN,
  SESSIONS_PATH,
  X_HOST,
  cookieOf,
  postCredentials,
  useHarnesses,
} from './credentials-fixture.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SESSION_COOKIE = /^poly_chat_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/;

const start = useHarnesses();

describe('credentials handler: minting', () => {
  test('mints a token and a session upstream with the documented headers and bodies', async () => {
    const h = await start();
    const res = await postCredentials(h.url, {new_session: false, streaming: true});

    assert.equal(res.status, 200);
    assert.deepEqual(res.json, {access_token: 'tok-1', session_id: 'sess-1', base_url: h.upstream.url, expires_in: 86400});
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.headers['content-type'] ?? '', /^application\/json/);

    const [token, session, ...rest] = h.upstream.requests;
    assert.equal(rest.length, 0);
    assert.ok(token && session);
    assert.equal(token.method, 'POST');
    assert.equal(token.path, ACCESS_TOKEN_PATH);
    assert.equal(token.headers['x-token'], CONNECTOR_TOKEN);
    assert.equal(token.headers['x-host'], X_HOST);
    assert.equal(token.headers['content-type'], 'application/json');
    assert.equal(token.headers.accept, 'application/json');
    assert.match(String(token.headers['x-polyai-correlation-id']), UUID);
    assert.equal(token.body, '{}');

    assert.equal(session.method, 'POST');
    assert.equal(session.path, SESSIONS_PATH);
    assert.equal(session.headers.authorization, 'Bearer tok-1');
    assert.equal(session.headers['content-type'], 'application/json');
    assert.equal(session.headers['x-token'], undefined, 'the connector token goes to the access-token call only');
    assert.match(String(session.headers['x-polyai-correlation-id']), UUID);
    assert.notEqual(session.headers['x-polyai-correlation-id'], token.headers['x-polyai-correlation-id']);
    assert.deepEqual(JSON.parse(session.body), {streaming_enabled: true, platform: 'web'});
  });

  test('sets an opaque HttpOnly SameSite=Lax cookie, not Secure over plain http', async () => {
    const h = await start();
    const res = await postCredentials(h.url, {new_session: false, streaming: false});
    assert.equal(res.headers['set-cookie']?.length, 1);
    assert.match(res.headers['set-cookie']?.[0] ?? '', SESSION_COOKIE);
    assert.ok(!cookieOf(res).includes('tok-1') && !cookieOf(res).includes('sess-1'), 'the cookie carries no credential');
  });

  test('publicBaseUrl is what the browser gets as base_url; the token still comes from baseUrl', async () => {
    const h = await start({publicBaseUrl: 'https://messaging.poly.ai/'});
    const res = await postCredentials(h.url, {});
    assert.equal(res.status, 200);
    assert.equal(res.json.base_url, 'https://messaging.poly.ai');
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 1);
  });

  test('an upstream without expires_in gets the SDK default of 3600 s', async () => {
    const h = await start();
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 200, body: {access_token: 'tok-x'}});
    const res = await postCredentials(h.url, {});
    assert.equal(res.json.expires_in, 3600);
  });
});

describe('credentials handler: resuming', () => {
  test('a reload (same cookie, new_session:false) resumes the same pair without calling PolyAI', async () => {
    const h = await start();
    const first = await postCredentials(h.url, {new_session: false, streaming: false});
    h.clock.now += 60_000;
    const again = await postCredentials(h.url, {new_session: false, streaming: false}, cookieOf(first));

    assert.equal(again.status, 200);
    assert.deepEqual(again.json, {access_token: 'tok-1', session_id: 'sess-1', base_url: h.upstream.url, expires_in: 86400 - 60});
    assert.equal(again.headers['set-cookie'], undefined);
    assert.equal(again.headers['cache-control'], 'no-store');
    assert.equal(h.upstream.requests.length, 2, 'only the first request reached PolyAI');
  });

  test('without the cookie the browser gets a new conversation', async () => {
    const h = await start();
    await postCredentials(h.url, {});
    const other = await postCredentials(h.url, {});
    assert.equal(other.json.session_id, 'sess-2');
  });

  test('new_session:true starts a new pair, rotates the cookie and retires the old one', async () => {
    const h = await start();
    const first = await postCredentials(h.url, {});
    h.clock.now += 5_000; // past the new_session cool-down
    const fresh = await postCredentials(h.url, {new_session: true}, cookieOf(first));
    assert.equal(fresh.status, 200);
    assert.equal(fresh.json.access_token, 'tok-2');
    assert.equal(fresh.json.session_id, 'sess-2');
    assert.notEqual(cookieOf(fresh), cookieOf(first));

    const resumed = await postCredentials(h.url, {}, cookieOf(fresh));
    assert.equal(resumed.json.session_id, 'sess-2');
    const stale = await postCredentials(h.url, {}, cookieOf(first));
    assert.equal(stale.json.session_id, 'sess-3', 'the old id no longer resumes anything');
  });

  test('a token with at most 300 s of life left is not resumed; one with more is', async () => {
    const h = await start();
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 200, body: {access_token: 'short-1', expires_in: 900}});
    const first = await postCredentials(h.url, {});
    const cookie = cookieOf(first);

    h.clock.now += 599_000; // 301 s left
    const resumed = await postCredentials(h.url, {}, cookie);
    assert.equal(resumed.json.access_token, 'short-1');
    assert.equal(resumed.json.expires_in, 301);

    h.clock.now += 1_000; // exactly 300 s left
    const renewed = await postCredentials(h.url, {}, cookie);
    assert.equal(renewed.json.access_token, 'tok-1');
    assert.equal(renewed.json.session_id, 'sess-2');
    assert.match(renewed.headers['set-cookie']?.[0] ?? '', SESSION_COOKIE);
  });

  test('a conversation not asked for within idleTimeoutMs is forgotten; each resume restarts that clock', async () => {
    const h = await start({idleTimeoutMs: 10 * 60_000});
    const cookie = cookieOf(await postCredentials(h.url, {}));
    h.clock.now += 9 * 60_000;
    assert.equal((await postCredentials(h.url, {}, cookie)).json.session_id, 'sess-1');
    h.clock.now += 9 * 60_000;
    assert.equal((await postCredentials(h.url, {}, cookie)).json.session_id, 'sess-1', 'the resume refreshed the idle deadline');
    h.clock.now += 10 * 60_000 + 1;
    assert.equal((await postCredentials(h.url, {}, cookie)).json.session_id, 'sess-2');
  });

  test('asking for the other streaming mode starts a session that has it', async () => {
    const h = await start();
    const cookie = cookieOf(await postCredentials(h.url, {streaming: false}));
    const res = await postCredentials(h.url, {streaming: true}, cookie);
    assert.equal(res.json.session_id, 'sess-2');
    assert.deepEqual(JSON.parse(h.upstream.calls(SESSIONS_PATH)[1]?.body ?? ''), {streaming_enabled: true, platform: 'web'});
  });

  test('a cookie value the handler never issued is not adopted (no session fixation)', async () => {
    const h = await start();
    const forged = `poly_chat_sid=${'A'.repeat(43)}`;
    const res = await postCredentials(h.url, {}, forged);
    assert.equal(res.status, 200);
    assert.notEqual(cookieOf(res), forged);
    assert.match(res.headers['set-cookie']?.[0] ?? '', SESSION_COOKIE);
  });

  test('a custom cookieName is used, and other cookies are ignored', async () => {
    const h = await start({cookieName: 'chat_id'});
    const first = await postCredentials(h.url, {});
    assert.match(cookieOf(first), /^chat_id=/);
    const again = await postCredentials(h.url, {}, `a=b; ${cookieOf(first)}; poly_chat_sid=x`);
    assert.equal(again.json.session_id, 'sess-1');
  });
});

describe('credentials handler: createSession:false', () => {
  test('returns only a fresh token each time, no session_id, no cookie, no sessions call', async () => {
    const h = await start({createSession: false});
    const first = await postCredentials(h.url, {new_session: false, streaming: true});
    assert.equal(first.status, 200);
    assert.deepEqual(first.json, {access_token: 'tok-1', base_url: h.upstream.url, expires_in: 86400});
    assert.equal(first.headers['set-cookie'], undefined);
    assert.equal(first.headers['cache-control'], 'no-store');
    const second = await postCredentials(h.url, {new_session: false});
    assert.equal(second.json.access_token, 'tok-2', 'a token is bound to one session, so never reused');
    assert.equal(h.upstream.calls(SESSIONS_PATH).length, 0);
  });
});

describe('credentials handler: Secure cookie', () => {
  const SECURE_COOKIE = /^__Host-poly_chat_sid=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/;

  test("'auto' is Secure, with the __Host- prefix, for any Host but a loopback one", async () => {
    const h = await start();
    const res = await postCredentials(h.url, {}, undefined, {Host: 'chat.example.com'});
    assert.match(res.headers['set-cookie']?.[0] ?? '', SECURE_COOKIE);
    const resumed = await postCredentials(h.url, {}, cookieOf(res), {Host: 'chat.example.com'});
    assert.equal(resumed.json.session_id, 'sess-1', 'the prefixed cookie resumes');
    for (const host of ['localhost:8080', '127.0.0.1', '[::1]:3000']) {
      const local = await postCredentials(h.url, {}, undefined, {Host: host});
      assert.match(local.headers['set-cookie']?.[0] ?? '', SESSION_COOKIE, host);
    }
  });

  test("'auto' trusts X-Forwarded-Proto: https only with trustProxy (a proxy that rewrites Host to localhost)", async () => {
    const h = await start({trustProxy: true});
    const proxied = await postCredentials(h.url, {}, undefined, {'X-Forwarded-Proto': 'https, http'});
    assert.match(proxied.headers['set-cookie']?.[0] ?? '', SECURE_COOKIE);
    await h.close();

    const untrusted = await start();
    const spoofed = await postCredentials(untrusted.url, {}, undefined, {'X-Forwarded-Proto': 'https'});
    assert.match(spoofed.headers['set-cookie']?.[0] ?? '', SESSION_COOKIE, 'not Secure: the header is not trusted');
  });

  test('secureCookie:true always marks it Secure', async () => {
    const h = await start({secureCookie: true});
    const res = await postCredentials(h.url, {});
    assert.match(res.headers['set-cookie']?.[0] ?? '', SECURE_COOKIE);
  });

  test('secureCookie:false never marks it Secure', async () => {
    const h = await start({secureCookie: false, trustProxy: true});
    const res = await postCredentials(h.url, {}, undefined, {'X-Forwarded-Proto': 'https', Host: 'chat.example.com'});
    assert.match(res.headers['set-cookie']?.[0] ?? '', SESSION_COOKIE);
  });

  test('an unprefixed cookie is not read where the __Host- one is expected', async () => {
    const h = await start({secureCookie: true});
    const first = await postCredentials(h.url, {});
    const planted = cookieOf(first).replace(/^__Host-/, '');
    const res = await postCredentials(h.url, {}, planted);
    assert.equal(res.json.session_id, 'sess-2');
  });
});

describe('credentials handler: frameworks and stores', () => {
  test('Express-style: uses a pre-parsed req.body without reading the stream again, keeps other Set-Cookies', async () => {
    const expressLike =
      (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
      (req: IncomingMessage, res: ServerResponse): void => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          // What express.json() and a cookie-setting middleware leave behind.
          Object.assign(req, {body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown});
          res.setHeader('Set-Cookie', 'other=1; Path=/');
          void handler(req, res);
        });
      };
    const h = await start({}, expressLike);
    const res = await postCredentials(h.url, {new_session: true, streaming: true});
    assert.equal(res.status, 200);
    assert.equal(res.json.session_id, 'sess-1');
    assert.deepEqual(JSON.parse(h.upstream.calls(SESSIONS_PATH)[0]?.body ?? ''), {streaming_enabled: true, platform: 'web'});
    assert.equal(res.headers['set-cookie']?.[0], 'other=1; Path=/');
    assert.match(res.headers['set-cookie']?.[1] ?? '', SESSION_COOKIE);
  });

  test('a custom store receives the pair with a TTL bounded by the idle timeout and token life', async () => {
    const writes: {key: string; ttlMs: number; sessionId: string}[] = [];
    const map = new Map<string, Parameters<ConversationStore['set']>[1]>();
    const store: ConversationStore = {
      get: async (key) => map.get(key),
      set: async (key, value, ttlMs) => {
        writes.push({key, ttlMs, sessionId: value.sessionId});
        map.set(key, value);
      },
      delete: async (key) => {
        map.delete(key);
      },
    };
    const h = await start({store, idleTimeoutMs: 120_000});
    const cookie = cookieOf(await postCredentials(h.url, {}));
    assert.deepEqual(writes, [{key: cookie.split('=')[1], ttlMs: 120_000, sessionId: 'sess-1'}]);
    const stored = map.get(cookie.split('=')[1] ?? '');
    assert.deepEqual(stored, {
      sessionId: 'sess-1',
      accessToken: 'tok-1',
      expiresAt: h.clock.now + 86_400_000,
      streaming: false,
      baseUrl: h.upstream.url,
      startedAt: h.clock.now,
    });
    h.clock.now += 5_000;
    await postCredentials(h.url, {new_session: true}, cookie);
    assert.equal(map.size, 1, 'the retired conversation was deleted');
  });

  test('a failing store degrades to "no resume": credentials still served, error logged, no cookie', async () => {
    const broken: ConversationStore = {
      get: () => {
        throw new Error('redis down');
      },
      set: () => Promise.reject(new Error('redis down')),
      delete: () => undefined,
    };
    const h = await start({store: broken});
    const res = await postCredentials(h.url, {}, `poly_chat_sid=${'B'.repeat(43)}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.session_id, 'sess-1');
    assert.equal(res.headers['set-cookie'], undefined);
    assert.ok(h.logs.some((line) => line.startsWith('error:') && line.includes('redis down')), h.logs.join('\n'));
  });
});
