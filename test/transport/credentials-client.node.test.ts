import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {callCredentialsProvider, fetchCredentials} from '../../src/transport/credentials-client.js';
import type {CredentialsResult} from '../../src/transport/credentials-client.js';
import {brokenBodyResponse, FakeFetch, jsonResponse, textResponse} from '../helpers/node/fake-fetch.js';

const PAGE = 'https://shop.example.com/products/1';
const SECRET = 'TOKEN-SECRET-XYZ';
const req = {newSession: false, streaming: true};

function fetchWith(...answers: Parameters<FakeFetch['reply']>): {fake: FakeFetch; run: (endpoint?: string) => Promise<CredentialsResult>} {
  const fake = new FakeFetch().reply(...answers);
  return {fake, run: (endpoint = '/api/poly-chat/session') => fetchCredentials(endpoint, req, {fetch: fake.fetch, baseHref: PAGE})};
}

function assertFailure(
  result: CredentialsResult,
  expected: {code: string; retryable: boolean; status?: number; retryAfterMs?: number},
): asserts result is Extract<CredentialsResult, {ok: false}> {
  assert.equal(result.ok, false, JSON.stringify(result));
  if (result.ok) return;
  assert.equal(result.code, expected.code);
  assert.equal(result.retryable, expected.retryable);
  assert.equal(result.status, expected.status);
  assert.equal(result.retryAfterMs, expected.retryAfterMs);
}

describe('fetchCredentials: the request (contract §4)', () => {
  it('POSTs JSON, same-origin cookies, never cached, to the endpoint resolved against the page', async () => {
    const {fake, run} = fetchWith(jsonResponse({access_token: 't'}));
    await run();
    assert.equal(fake.requests.length, 1);
    const request = fake.last;
    assert.equal(request.url, 'https://shop.example.com/api/poly-chat/session');
    assert.equal(request.method, 'POST');
    assert.equal(request.credentials, 'same-origin');
    assert.equal(request.cache, 'no-store');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.body, '{"new_session":false,"streaming":true}');
  });

  it('sends new_session and streaming as given', async () => {
    const fake = new FakeFetch().reply(jsonResponse({access_token: 't'}));
    await fetchCredentials('/s', {newSession: true, streaming: false}, {fetch: fake.fetch, baseHref: PAGE});
    assert.deepEqual(JSON.parse(fake.last.body ?? ''), {new_session: true, streaming: false});
  });

  it('without a base, hands the relative endpoint to fetch as is (it resolves like the page)', async () => {
    const fake = new FakeFetch().reply(jsonResponse({access_token: 't'}));
    const result = await fetchCredentials(' /api/session ', req, {fetch: fake.fetch});
    assert.equal(result.ok, true);
    assert.equal(fake.last.url, '/api/session');
  });

  it('passes the abort signal through; an abort reads as a retryable network failure', async () => {
    const controller = new AbortController();
    const fake = new FakeFetch().reply(() => new Promise<Response>(() => {}));
    const pending = fetchCredentials('/s', req, {fetch: fake.fetch, baseHref: PAGE, signal: controller.signal});
    assert.equal(fake.last.signal, controller.signal);
    controller.abort();
    assertFailure(await pending, {code: 'credentials-network', retryable: true});
  });
});

describe('fetchCredentials: which endpoints may be called', () => {
  const allowed: [string, string, string][] = [
    ['same-origin relative', PAGE, '/api/session'],
    ['same-origin on an http page', 'http://intranet.example/app', '/api/session'],
    ['same-origin absolute on an http page', 'http://intranet.example/app', 'http://intranet.example/api/session'],
    ['cross-origin https', PAGE, 'https://auth.example.net/poly'],
    ['loopback http', PAGE, 'http://localhost:8787/session'],
    ['loopback http by IP', PAGE, 'http://127.0.0.1:8787/session'],
    ['scheme-relative on an https page', PAGE, '//auth.example.net/poly'],
  ];
  for (const [name, baseHref, endpoint] of allowed) {
    it(`allows ${name}`, async () => {
      const fake = new FakeFetch().reply(jsonResponse({access_token: 't'}));
      const result = await fetchCredentials(endpoint, req, {fetch: fake.fetch, baseHref});
      assert.equal(result.ok, true, JSON.stringify(result));
    });
  }

  const refused: [string, string | undefined, string][] = [
    ['cross-origin plain http', PAGE, 'http://auth.example.net/poly'],
    ['scheme-relative to another host on an http page', 'http://intranet.example/', '//evil.example/x'],
    ['scheme-relative to another host with no base (assumed http)', undefined, '//evil.example/x'],
    ['javascript:', PAGE, 'javascript:alert(1)'],
    ['data:', PAGE, 'data:application/json,{}'],
    ['ftp:', PAGE, 'ftp://example.com/x'],
    ['user info', PAGE, 'https://alice:pw@auth.example.net/poly'],
    ['an empty endpoint', PAGE, '  '],
    ['a malformed URL', PAGE, 'https://exa mple.com/x'],
  ];
  for (const [name, baseHref, endpoint] of refused) {
    it(`refuses ${name} without calling fetch`, async () => {
      const fake = new FakeFetch();
      const result = await fetchCredentials(endpoint, req, baseHref === undefined ? {fetch: fake.fetch} : {fetch: fake.fetch, baseHref});
      assertFailure(result, {code: 'credentials-insecure', retryable: false});
      assert.equal(fake.requests.length, 0);
      assert.ok(!result.message.includes(':pw@'), result.message);
    });
  }
});

describe('fetchCredentials: success', () => {
  it('returns the validated credentials, unknown fields dropped', async () => {
    const {run} = fetchWith(
      jsonResponse({access_token: SECRET, session_id: 's-1', base_url: 'http://localhost:8787', expires_in: 3600, extra: true}),
    );
    assert.deepEqual(await run(), {
      ok: true,
      credentials: {access_token: SECRET, session_id: 's-1', base_url: 'http://localhost:8787', expires_in: 3600},
    });
  });

  it('treats null and empty optional strings as absent', async () => {
    const {run} = fetchWith(jsonResponse({access_token: 't', session_id: '', base_url: null, expires_in: null}));
    assert.deepEqual(await run(), {ok: true, credentials: {access_token: 't'}});
  });

  it('accepts any 2xx with a JSON body', async () => {
    const {run} = fetchWith(jsonResponse({access_token: 't'}, {status: 201}));
    assert.equal((await run()).ok, true);
  });
});

describe('fetchCredentials: failures are classified', () => {
  it('network error → retryable, and the browser’s reason is not echoed', async () => {
    const {run} = fetchWith(new TypeError('Failed to fetch https://shop.example.com/api/poly-chat/session?x'));
    const result = await run();
    assertFailure(result, {code: 'credentials-network', retryable: true});
    assert.equal(result.message, 'could not reach the credentials endpoint /api/poly-chat/session');
  });

  for (const status of [500, 502, 503, 504]) {
    it(`HTTP ${status} → retryable`, async () => {
      const {run} = fetchWith(textResponse('', {status}));
      assertFailure(await run(), {code: 'credentials-http', retryable: true, status});
    });
  }

  it('HTTP 429 → retryable, Retry-After in ms', async () => {
    const {run} = fetchWith(jsonResponse({message: 'slow down'}, {status: 429, headers: {'Retry-After': '7'}}));
    const result = await run();
    assertFailure(result, {code: 'credentials-http', retryable: true, status: 429, retryAfterMs: 7000});
    assert.equal(result.serverError, 'slow down');
  });

  it('HTTP 429 with an HTTP-date Retry-After uses the injected clock', async () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const fake = new FakeFetch().reply(textResponse('', {status: 429, headers: {'Retry-After': 'Thu, 01 Jan 2026 00:00:03 GMT'}}));
    const result = await fetchCredentials('/s', req, {fetch: fake.fetch, baseHref: PAGE, now: () => now});
    assertFailure(result, {code: 'credentials-http', retryable: true, status: 429, retryAfterMs: 3000});
  });

  it('HTTP 429 without Retry-After → retryable, no delay given', async () => {
    const {run} = fetchWith(textResponse('', {status: 429}));
    assertFailure(await run(), {code: 'credentials-http', retryable: true, status: 429});
  });

  for (const status of [400, 401, 403, 404, 408, 422]) {
    it(`HTTP ${status} → not retryable`, async () => {
      const {run} = fetchWith(textResponse('', {status}));
      assertFailure(await run(), {code: 'credentials-http', retryable: false, status});
    });
  }

  it('names the endpoint path, the status and the server’s error string', async () => {
    const {run} = fetchWith(jsonResponse({error: {message: 'not signed in'}}, {status: 403}));
    const result = await run('/api/poly-chat/session?tenant=9');
    assertFailure(result, {code: 'credentials-http', retryable: false, status: 403});
    assert.equal(result.message, 'credentials endpoint /api/poly-chat/session answered HTTP 403: not signed in');
    assert.equal(result.serverError, 'not signed in');
  });

  it('a body that breaks off → retryable network failure', async () => {
    const {run} = fetchWith(brokenBodyResponse({status: 200}));
    assertFailure(await run(), {code: 'credentials-network', retryable: true});
  });

  const invalid: [string, Response, string][] = [
    ['non-JSON body', textResponse('<html>login</html>'), 'credentials endpoint /api/poly-chat/session returned invalid JSON'],
    ['empty body', textResponse(''), 'credentials endpoint /api/poly-chat/session returned invalid JSON'],
    ['JSON array', jsonResponse([{access_token: 't'}]), 'credentials endpoint /api/poly-chat/session response is not an object'],
    ['JSON null', jsonResponse(null), 'credentials endpoint /api/poly-chat/session response is not an object'],
    ['missing access_token', jsonResponse({session_id: 's'}), 'credentials endpoint /api/poly-chat/session response has no access_token'],
    ['empty access_token', jsonResponse({access_token: '  '}), 'credentials endpoint /api/poly-chat/session response has no access_token'],
    ['numeric access_token', jsonResponse({access_token: 42}), 'credentials endpoint /api/poly-chat/session response has no access_token'],
    ['numeric session_id', jsonResponse({access_token: 't', session_id: 7}), 'credentials endpoint /api/poly-chat/session response has a session_id that is not a string'],
    ['object base_url', jsonResponse({access_token: 't', base_url: {}}), 'credentials endpoint /api/poly-chat/session response has a base_url that is not a string'],
    ['string expires_in', jsonResponse({access_token: 't', expires_in: '3600'}), 'credentials endpoint /api/poly-chat/session response has an expires_in that is not a non-negative number'],
    ['negative expires_in', jsonResponse({access_token: 't', expires_in: -1}), 'credentials endpoint /api/poly-chat/session response has an expires_in that is not a non-negative number'],
  ];
  for (const [name, response, message] of invalid) {
    it(`${name} → not retryable, clear message`, async () => {
      const {run} = fetchWith(response);
      const result = await run();
      assertFailure(result, {code: 'credentials-invalid', retryable: false});
      assert.equal(result.message, message);
    });
  }
});

describe('fetchCredentials: the token never leaks into a failure', () => {
  const echoes: [string, Response][] = [
    ['a 200 with a bad field next to the token', jsonResponse({access_token: SECRET, expires_in: 'soon'})],
    ['a 200 with a bad session_id next to the token', jsonResponse({access_token: SECRET, session_id: {SECRET}})],
    ['a 500 echoing it in its message and a token field', jsonResponse({message: `could not store ${SECRET}`, access_token: SECRET}, {status: 500})],
    ['a 401 echoing it in an error object', jsonResponse({error: {message: `bad token ${SECRET}`, token: SECRET}}, {status: 401})],
    ['a 502 echoing it in raw text as a query parameter', textResponse(`upstream GET /ws?access_token=${SECRET} failed`, {status: 502})],
    ['a 400 echoing a Bearer header', textResponse(`rejected Authorization: Bearer ${SECRET}`, {status: 400})],
  ];
  for (const [name, response] of echoes) {
    it(name, async () => {
      const {run} = fetchWith(response);
      const result = await run();
      assert.equal(result.ok, false);
      assert.ok(!JSON.stringify(result).includes(SECRET), JSON.stringify(result));
    });
  }
});

describe('callCredentialsProvider', () => {
  it('returns validated credentials from the host callback', async () => {
    const result = await callCredentialsProvider(async () => ({access_token: 't', session_id: 's'}), req);
    assert.deepEqual(result, {ok: true, credentials: {access_token: 't', session_id: 's'}});
  });

  it('passes newSession/streaming in a fresh object the host cannot use to mutate the caller’s', async () => {
    const own = {newSession: true, streaming: false};
    let seen: unknown;
    await callCredentialsProvider(async (request) => {
      seen = {...request};
      (request as {newSession: boolean}).newSession = false;
      return {access_token: 't'};
    }, own);
    assert.deepEqual(seen, {newSession: true, streaming: false});
    assert.equal(own.newSession, true);
  });

  it('a rejection → retryable, with the host’s reason (redacted)', async () => {
    const result = await callCredentialsProvider(async () => {
      throw new Error(`backend said 503 for access_token=${SECRET}`);
    }, req);
    assertFailure(result, {code: 'credentials-network', retryable: true});
    assert.equal(result.message, 'credentials callback failed: backend said 503 for access_token=[redacted]');
  });

  it('a synchronous throw or a non-Error rejection is caught too', async () => {
    const sync = await callCredentialsProvider((() => {
      throw new Error('boom');
    }) as never, req);
    assertFailure(sync, {code: 'credentials-network', retryable: true});
    const bare = await callCredentialsProvider(() => Promise.reject(undefined), req);
    assertFailure(bare, {code: 'credentials-network', retryable: true});
    assert.equal(bare.message, 'credentials callback failed');
  });

  it('a resolved value of the wrong shape → not retryable, token not quoted', async () => {
    const noToken = await callCredentialsProvider(async () => ({}) as never, req);
    assertFailure(noToken, {code: 'credentials-invalid', retryable: false});
    assert.equal(noToken.message, 'credentials callback result has no access_token');

    const badField = await callCredentialsProvider(async () => ({access_token: SECRET, expires_in: 'x'}) as never, req);
    assertFailure(badField, {code: 'credentials-invalid', retryable: false});
    assert.ok(!JSON.stringify(badField).includes(SECRET));

    const nothing = await callCredentialsProvider(async () => undefined as never, req);
    assertFailure(nothing, {code: 'credentials-invalid', retryable: false});
    assert.equal(nothing.message, 'credentials callback result is not an object');
  });
});
