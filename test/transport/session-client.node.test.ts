import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {fetchCredentials} from '../../src/transport/credentials-client.js';
import {createSession} from '../../src/transport/session-client.js';
import type {SessionResult} from '../../src/transport/session-client.js';
import {brokenBodyResponse, FakeFetch, jsonResponse, textResponse} from '../helpers/node/fake-fetch.js';

const BASE = 'https://messaging.poly.ai';
const TOKEN = 'TOKEN-SECRET-XYZ';

function fetchWith(...answers: Parameters<FakeFetch['reply']>): {fake: FakeFetch; run: () => Promise<SessionResult>} {
  const fake = new FakeFetch().reply(...answers);
  return {fake, run: () => createSession(BASE, TOKEN, {streaming: true}, {fetch: fake.fetch})};
}

function assertFailure(
  result: SessionResult,
  expected: {code: string; retryable: boolean; needsNewCredentials?: boolean; status?: number; retryAfterMs?: number},
): asserts result is Extract<SessionResult, {ok: false}> {
  assert.equal(result.ok, false, JSON.stringify(result));
  if (result.ok) return;
  assert.equal(result.code, expected.code);
  assert.equal(result.retryable, expected.retryable);
  assert.equal(result.needsNewCredentials, expected.needsNewCredentials ?? false);
  assert.equal(result.status, expected.status);
  assert.equal(result.retryAfterMs, expected.retryAfterMs);
}

describe('createSession: the request (protocol §2.3)', () => {
  it('POSTs {streaming_enabled, platform: web} with the Bearer token, no cookies, not cached', async () => {
    const {fake, run} = fetchWith(jsonResponse({session_id: 's-1'}));
    assert.deepEqual(await run(), {ok: true, sessionId: 's-1'});
    const request = fake.last;
    assert.equal(request.url, 'https://messaging.poly.ai/api/v1/sessions');
    assert.equal(request.method, 'POST');
    assert.equal(request.headers['authorization'], `Bearer ${TOKEN}`);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.credentials, 'omit');
    assert.equal(request.cache, 'no-store');
    assert.deepEqual(JSON.parse(request.body ?? ''), {streaming_enabled: true, platform: 'web'});
  });

  it('sends streaming_enabled false when not streaming', async () => {
    const fake = new FakeFetch().reply(jsonResponse({session_id: 's'}));
    await createSession(BASE, 't', {streaming: false}, {fetch: fake.fetch});
    assert.equal(fake.last.body, '{"streaming_enabled":false,"platform":"web"}');
  });

  it('keeps a path prefix and a loopback http base', async () => {
    const fake = new FakeFetch().reply(jsonResponse({session_id: 'a'}), jsonResponse({session_id: 'b'}));
    await createSession('https://proxy.example.com/polyai', 't', {streaming: false}, {fetch: fake.fetch});
    await createSession('http://127.0.0.1:8787', 't', {streaming: false}, {fetch: fake.fetch});
    assert.deepEqual(
      fake.requests.map((request) => request.url),
      ['https://proxy.example.com/polyai/api/v1/sessions', 'http://127.0.0.1:8787/api/v1/sessions'],
    );
  });

  it('refuses a non-TLS public base without sending the token', async () => {
    const fake = new FakeFetch();
    const result = await createSession('http://messaging.poly.ai', TOKEN, {streaming: false}, {fetch: fake.fetch});
    assertFailure(result, {code: 'session-insecure', retryable: false});
    assert.equal(fake.requests.length, 0);
  });

  it('passes the abort signal through; an abort reads as a retryable network failure', async () => {
    const controller = new AbortController();
    const fake = new FakeFetch().reply(() => new Promise<Response>(() => {}));
    const pending = createSession(BASE, TOKEN, {streaming: false}, {fetch: fake.fetch, signal: controller.signal});
    controller.abort();
    assertFailure(await pending, {code: 'session-network', retryable: true});
  });
});

describe('createSession: failures are classified', () => {
  it('network error → retryable', async () => {
    const {run} = fetchWith(new TypeError('fetch failed'));
    const result = await run();
    assertFailure(result, {code: 'session-network', retryable: true});
    assert.equal(result.message, 'could not reach PolyAI (POST /api/v1/sessions)');
  });

  it('401 Invalid access token → not retryable, needs new credentials', async () => {
    const {run} = fetchWith(jsonResponse({message: 'Invalid access token', error: 'Invalid access token'}, {status: 401}));
    const result = await run();
    assertFailure(result, {code: 'session-http', retryable: false, needsNewCredentials: true, status: 401});
    assert.equal(result.serverError, 'Invalid access token');
    assert.equal(result.message, 'POST /api/v1/sessions answered HTTP 401: Invalid access token');
  });

  it('401 Missing authentication headers → needs new credentials too', async () => {
    const {run} = fetchWith(jsonResponse({message: 'Missing authentication headers'}, {status: 401}));
    assertFailure(await run(), {code: 'session-http', retryable: false, needsNewCredentials: true, status: 401});
  });

  for (const [status, text] of [[400, 'Missing access token'], [400, 'Error parsing request'], [403, 'Forbidden'], [404, 'Not found']] as const) {
    it(`${status} ${text} → not retryable, credentials still fine`, async () => {
      const {run} = fetchWith(jsonResponse({message: text}, {status}));
      const result = await run();
      assertFailure(result, {code: 'session-http', retryable: false, status});
      assert.equal(result.serverError, text);
    });
  }

  for (const status of [500, 502, 503]) {
    it(`${status} → retryable`, async () => {
      const {run} = fetchWith(jsonResponse({message: 'Failed to create session'}, {status}));
      const result = await run();
      assertFailure(result, {code: 'session-http', retryable: true, status});
      assert.equal(result.serverError, 'Failed to create session');
    });
  }

  it('429 → retryable with Retry-After in ms', async () => {
    const {run} = fetchWith(textResponse('Too Many Requests', {status: 429, headers: {'Retry-After': '12'}}));
    assertFailure(await run(), {code: 'session-http', retryable: true, status: 429, retryAfterMs: 12_000});
  });

  it('keeps X-PolyAI-Correlation-Id for support', async () => {
    const {run} = fetchWith(jsonResponse({message: 'Failed to create session'}, {status: 500, headers: {'X-PolyAI-Correlation-Id': 'corr-1'}}));
    const result = await run();
    assertFailure(result, {code: 'session-http', retryable: true, status: 500});
    assert.equal(result.correlationId, 'corr-1');
  });

  const errorShapes: [string, Response, string | undefined][] = [
    ['message', jsonResponse({message: 'Invalid access token'}, {status: 401}), 'Invalid access token'],
    ['error string', jsonResponse({error: 'Invalid access token'}, {status: 401}), 'Invalid access token'],
    ['error.message', jsonResponse({error: {code: 'UNAUTHORIZED', id: 'x', message: 'Invalid access token', correlation_id: 'c'}}, {status: 401}), 'Invalid access token'],
    ['error_message', jsonResponse({success: false, error: 'UNAUTHORIZED', error_message: 'Invalid access token'}, {status: 401}), 'UNAUTHORIZED'],
    ['error_message alone', jsonResponse({success: false, error_message: 'Invalid access token', data: null}, {status: 401}), 'Invalid access token'],
    ['raw text', textResponse('Invalid access token', {status: 401}), 'Invalid access token'],
    ['long raw text truncated', textResponse('y'.repeat(1000), {status: 401}), `${'y'.repeat(199)}…`],
    ['no body', textResponse('', {status: 401}), undefined],
  ];
  for (const [name, response, serverError] of errorShapes) {
    it(`extracts the error string from ${name}`, async () => {
      const {run} = fetchWith(response);
      const result = await run();
      assertFailure(result, {code: 'session-http', retryable: false, needsNewCredentials: true, status: 401});
      assert.equal(result.serverError, serverError);
    });
  }

  const invalid: [string, Response, string][] = [
    ['non-JSON 200', textResponse('<html></html>'), 'POST /api/v1/sessions returned invalid JSON'],
    ['no session_id', jsonResponse({}), 'POST /api/v1/sessions response has no session_id'],
    ['empty session_id', jsonResponse({session_id: ''}), 'POST /api/v1/sessions response has no session_id'],
    ['numeric session_id', jsonResponse({session_id: 5}), 'POST /api/v1/sessions response has no session_id'],
    ['array body', jsonResponse(['s']), 'POST /api/v1/sessions response has no session_id'],
  ];
  for (const [name, response, message] of invalid) {
    it(`${name} → not retryable`, async () => {
      const {run} = fetchWith(response);
      const result = await run();
      assertFailure(result, {code: 'session-invalid', retryable: false});
      assert.equal(result.message, message);
    });
  }

  it('a body that breaks off → retryable network failure', async () => {
    const {run} = fetchWith(brokenBodyResponse());
    assertFailure(await run(), {code: 'session-network', retryable: true});
  });
});

describe('the token from a successful credentials answer never leaks from a failed session call', () => {
  const echoes: [string, Response][] = [
    ['in message', jsonResponse({message: `Invalid access token ${TOKEN}`}, {status: 401})],
    ['in error.message', jsonResponse({error: {message: `token ${TOKEN} expired`}}, {status: 401})],
    ['in error_message', jsonResponse({error_message: `bad ${TOKEN}`}, {status: 400})],
    ['in raw text', textResponse(`Authorization: Bearer ${TOKEN} rejected`, {status: 500})],
    ['URL-encoded in raw text', textResponse(`GET /x?t=${encodeURIComponent(`${TOKEN}/+`)}`, {status: 503})],
    ['in a 429', textResponse(`slow down ${TOKEN}`, {status: 429, headers: {'Retry-After': '1'}})],
  ];
  for (const [name, response] of echoes) {
    it(`echoed ${name}`, async () => {
      const token = name.startsWith('URL-encoded') ? `${TOKEN}/+` : TOKEN;
      const fake = new FakeFetch().reply(jsonResponse({access_token: token}), response);
      const credentials = await fetchCredentials('/s', {newSession: true, streaming: false}, {fetch: fake.fetch, baseHref: 'https://shop.example.com/'});
      assert.ok(credentials.ok);
      const result = await createSession(BASE, credentials.credentials.access_token, {streaming: false}, {fetch: fake.fetch});
      assert.equal(result.ok, false);
      assert.ok(!JSON.stringify(result).includes(TOKEN), JSON.stringify(result));
      assert.ok(!JSON.stringify(result).includes(encodeURIComponent(token)), JSON.stringify(result));
    });
  }
});
