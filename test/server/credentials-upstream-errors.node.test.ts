import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import {describe, test} from 'node:test';
import type {CredentialsHandlerOptions} from '../../server/credentials/index.js';
import type {HttpResult, UpstreamReply} from './credentials-fixture.js';
import {
  ACCESS_TOKEN_PATH,
  CONNECTOR_TOKEN,
  SESSIONS_PATH,
  START_TIME,
  closeServer,
  closedPortUrl,
  listen,
  postCredentials,
  useHarnesses,
} from './credentials-fixture.js';

const start = useHarnesses();

const GENERIC: Record<string, string> = {
  upstream_error: 'Could not get chat credentials from PolyAI',
  upstream_timeout: 'PolyAI did not answer in time',
  upstream_rate_limited: 'PolyAI is busy; try again later',
};

/**
 * The browser gets the status, a generic message and a correlation id; the detail (`message`) is
 * in the log line under that same id, never in the response.
 */
function assertUpstreamError(res: HttpResult, logs: string[], message: string | RegExp, status = 502, code = 'upstream_error'): void {
  assert.equal(res.status, status, res.text);
  assert.equal(res.json.error, code);
  assert.equal(res.json.message, GENERIC[code]);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(res.headers['set-cookie'], undefined, 'no cookie for a failed request');
  const id = res.json.correlation_id;
  assert.equal(typeof id, 'string');
  const line = logs.find((l) => l.startsWith('error:') && l.includes(`(correlation id ${String(id)})`));
  assert.ok(line, `a log line carries correlation id ${String(id)}:\n${logs.join('\n')}`);
  const detail = line.replace(/^error: poly-chat credentials: /, '').replace(/ \(correlation id [^)]*\)$/, '');
  if (typeof message === 'string') assert.equal(detail, message);
  else assert.match(detail, message);
}

describe('upstream 4xx: no retry, the error string extracted from every body shape', () => {
  const shapes: [string, UpstreamReply][] = [
    ['{message}', {status: 401, body: {message: 'Connector token does not exist', error: 'ignored'}}],
    ['{error: string}', {status: 401, body: {error: 'Connector token does not exist'}}],
    ['{error: {message}}', {status: 401, body: {error: {code: 'unauthorized', id: 'e1', message: 'Connector token does not exist', correlation_id: 'c'}}}],
    ['{error_message}', {status: 401, body: {success: false, error: null, error_id: 'x', error_code: 401, error_message: 'Connector token does not exist', data: null}}],
    ['raw text', {status: 401, body: 'Connector token does not exist\n', headers: {'Content-Type': 'text/plain'}}],
  ];
  for (const [shape, reply] of shapes) {
    test(`401 ${shape} → 502 "PolyAI access-token request failed: 401 Connector token does not exist"`, async () => {
      const h = await start();
      h.upstream.script(ACCESS_TOKEN_PATH, reply);
      const res = await postCredentials(h.url, {});
      assertUpstreamError(res, h.logs, 'PolyAI access-token request failed: 401 Connector token does not exist');
      assert.equal(typeof res.json.correlation_id, 'string');
      assert.equal(h.upstream.requests.length, 1, '4xx is not retried');
      assert.deepEqual(h.sleeps, []);
      assert.ok(h.logs.some((l) => l.startsWith('error:') && l.includes('401 Connector token does not exist')), h.logs.join('\n'));
    });
  }

  test('long raw error text is truncated in the log and never reaches the browser', async () => {
    const h = await start();
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 400, body: `<html>${'x'.repeat(5000)}</html>`});
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, /^PolyAI access-token request failed: 400 <html>x{194}…$/);
    assert.ok(!res.text.includes('xxx'));
  });

  test('a secret cut in two by the length limit is redacted first, so no part of it is logged', async () => {
    const h = await start();
    // The connector token starts at character 195 of the text: truncating first would keep its first 5 characters.
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 401, body: `${'y'.repeat(195)}${CONNECTOR_TOKEN} rest`});
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, /^PolyAI access-token request failed: 401 y{195}\[reda…$/);
    assert.ok(!h.logs.join('\n').includes(CONNECTOR_TOKEN.slice(0, 5)), h.logs.join('\n'));
  });

  test('a sessions 401 names the sessions call', async () => {
    const h = await start();
    h.upstream.script(SESSIONS_PATH, {status: 401, body: {message: 'Invalid access token', error: 'Invalid access token'}});
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, 'PolyAI sessions request failed: 401 Invalid access token');
    assert.equal(h.upstream.calls(SESSIONS_PATH).length, 1);
  });
});

describe('upstream 5xx and network errors: bounded retries', () => {
  test('500 then success → 200 after one retry with the backoff delay', async () => {
    const h = await start();
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 500, body: {message: 'Failed to create access token'}});
    const res = await postCredentials(h.url, {});
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.access_token, 'tok-1');
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 2);
    assert.deepEqual(h.sleeps, [250]);
    assert.ok(h.logs.some((l) => l.startsWith('warn:') && l.includes('attempt 1 of 3')), h.logs.join('\n'));
  });

  test('a sessions 500 is retried too', async () => {
    const h = await start({retryDelayMs: 10});
    h.upstream.script(SESSIONS_PATH, {status: 500, body: {message: 'Failed to create session'}});
    const res = await postCredentials(h.url, {});
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.session_id, 'sess-1');
    assert.equal(h.upstream.calls(SESSIONS_PATH).length, 2);
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 1);
    assert.deepEqual(h.sleeps, [10]);
  });

  test('500 three times → 502 after 3 attempts, backoff doubling', async () => {
    const h = await start();
    const fail: UpstreamReply = {status: 500, body: {message: 'Failed to create access token'}};
    h.upstream.script(ACCESS_TOKEN_PATH, fail, fail, fail, fail);
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, 'PolyAI access-token request failed after 3 attempts: 500 Failed to create access token');
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 3);
    assert.equal(h.upstream.calls(SESSIONS_PATH).length, 0);
    assert.deepEqual(h.sleeps, [250, 500]);
  });

  test('connection refused → 502 naming the network error, after 3 attempts', async () => {
    const h = await start({baseUrl: await closedPortUrl()});
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, 'PolyAI access-token request failed after 3 attempts: network error (ECONNREFUSED)');
    assert.equal(h.sleeps.length, 2);
  });

  test('a dropped connection is retried like a network error', async () => {
    const h = await start();
    h.upstream.script(ACCESS_TOKEN_PATH, {destroy: true});
    const res = await postCredentials(h.url, {});
    assert.equal(res.status, 200, res.text);
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 2);
  });
});

describe('upstream 429: Retry-After honoured, bounded', () => {
  test('Retry-After in seconds is waited for, then the call succeeds', async () => {
    const h = await start();
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 429, body: {message: 'Too many requests'}, headers: {'Retry-After': '2'}});
    const res = await postCredentials(h.url, {});
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(h.sleeps, [2000]);
  });

  test('Retry-After as an HTTP date is waited for until that date', async () => {
    const h = await start();
    const date = new Date(START_TIME + 3000).toUTCString();
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 429, body: {}, headers: {'Retry-After': date}});
    const res = await postCredentials(h.url, {});
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(h.sleeps, [3000]);
  });

  test('a 429 without Retry-After waits the 1 s default', async () => {
    const h = await start();
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 429, body: {}});
    await postCredentials(h.url, {});
    assert.deepEqual(h.sleeps, [1000]);
  });

  test('a Retry-After beyond maxRetryAfterMs is passed on at once: 429 with that Retry-After, not 502', async () => {
    const h = await start({maxRetryAfterMs: 5000});
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 429, body: {message: 'Too many requests'}, headers: {'Retry-After': '60'}});
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, 'PolyAI access-token request failed: 429 Too many requests', 429, 'upstream_rate_limited');
    assert.equal(res.headers['retry-after'], '60');
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 1);
    assert.deepEqual(h.sleeps, []);
  });

  test('429 on every attempt → 429 with the last Retry-After (rounded up to whole seconds)', async () => {
    const h = await start();
    const busy: UpstreamReply = {status: 429, body: {}, headers: {'Retry-After': new Date(START_TIME + 1500).toUTCString()}};
    h.upstream.script(SESSIONS_PATH, busy, busy, busy);
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, 'PolyAI sessions request failed after 3 attempts: 429 {}', 429, 'upstream_rate_limited');
    assert.equal(res.headers['retry-after'], '1', 'an HTTP date 1 s ahead (to the second) is 1 s');
    assert.equal(h.upstream.calls(SESSIONS_PATH).length, 3);
  });
});

describe('upstream timeout and malformed answers', () => {
  test('an upstream that never answers → 504 at the deadline', async () => {
    const h = await start({timeoutMs: 150});
    h.upstream.script(ACCESS_TOKEN_PATH, {hang: true});
    const started = performance.now();
    const res = await postCredentials(h.url, {});
    const elapsed = performance.now() - started;
    assertUpstreamError(res, h.logs, 'PolyAI access-token request timed out after 150 ms', 504, 'upstream_timeout');
    assert.ok(elapsed >= 140 && elapsed < 2000, `answered after ${elapsed} ms`);
    assert.equal(h.upstream.calls(ACCESS_TOKEN_PATH).length, 1, 'a timeout is not retried past the deadline');
  });

  test('the deadline also cuts a Retry-After wait short (default sleep) → 504', async () => {
    const h = await start({timeoutMs: 100, sleep: undefined});
    h.upstream.script(ACCESS_TOKEN_PATH, {status: 429, body: {}, headers: {'Retry-After': '3'}});
    const started = performance.now();
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, 'PolyAI access-token request timed out after 100 ms', 504, 'upstream_timeout');
    assert.ok(performance.now() - started < 2000, 'did not wait out the 3 s');
  });

  test('the deadline covers the sessions call too', async () => {
    const h = await start({timeoutMs: 150});
    h.upstream.script(SESSIONS_PATH, {hang: true});
    const res = await postCredentials(h.url, {});
    assertUpstreamError(res, h.logs, 'PolyAI sessions request timed out after 150 ms', 504, 'upstream_timeout');
  });

  const malformed: [string, string, UpstreamReply, string][] = [
    ['access-token invalid JSON', ACCESS_TOKEN_PATH, {status: 200, body: '{"access_token": '}, 'PolyAI access-token response is not valid JSON (status 200)'],
    ['access-token not an object', ACCESS_TOKEN_PATH, {status: 200, body: '"tok"'}, 'PolyAI access-token response is not a JSON object (status 200)'],
    ['access-token missing access_token', ACCESS_TOKEN_PATH, {status: 200, body: {expires_in: 86400}}, 'PolyAI access-token response has no access_token'],
    ['access-token empty access_token', ACCESS_TOKEN_PATH, {status: 200, body: {access_token: ''}}, 'PolyAI access-token response has no access_token'],
    ['sessions invalid JSON', SESSIONS_PATH, {status: 200, body: 'OK'}, 'PolyAI sessions response is not valid JSON (status 200)'],
    ['sessions missing session_id', SESSIONS_PATH, {status: 200, body: {id: 'x'}}, 'PolyAI sessions response has no session_id'],
    ['sessions numeric session_id', SESSIONS_PATH, {status: 200, body: {session_id: 42}}, 'PolyAI sessions response has no session_id'],
  ];
  for (const [name, path, reply, message] of malformed) {
    test(`${name} → 502 "${message}"`, async () => {
      const h = await start();
      h.upstream.script(path, reply);
      const res = await postCredentials(h.url, {});
      assertUpstreamError(res, h.logs, message);
    });
  }

  test('a redirect is not followed (fetch would forward X-Token to its target) → 502', async () => {
    const target = createServer((_req, res) => res.end('{}'));
    const targetUrl = await listen(target);
    let targetHits = 0;
    target.on('request', () => targetHits++);
    try {
      const h = await start();
      h.upstream.script(ACCESS_TOKEN_PATH, {status: 307, body: '', headers: {Location: `${targetUrl}${ACCESS_TOKEN_PATH}`}});
      const res = await postCredentials(h.url, {});
      assertUpstreamError(res, h.logs, 'PolyAI access-token request failed: unexpected redirect (307)');
      assert.equal(targetHits, 0);
    } finally {
      await closeServer(target);
    }
  });
});

describe('secrets never leak', () => {
  // Each case ends in an error response; several have upstream echo the secrets back at us.
  const echoToken = `Connector token ${CONNECTOR_TOKEN} does not exist (X-Token: ${CONNECTOR_TOKEN})`;
  const cases: [string, Partial<CredentialsHandlerOptions>, [string, UpstreamReply][]][] = [
    ['401 echoing the connector token in message', {}, [[ACCESS_TOKEN_PATH, {status: 401, body: {message: echoToken}}]]],
    ['401 echoing it URL-encoded in raw text', {}, [[ACCESS_TOKEN_PATH, {status: 401, body: `bad ${encodeURIComponent(CONNECTOR_TOKEN)}`}]]],
    ['500 ×3 echoing it', {}, [[ACCESS_TOKEN_PATH, {status: 500, body: {error: echoToken}}], [ACCESS_TOKEN_PATH, {status: 500, body: {error_message: echoToken}}], [ACCESS_TOKEN_PATH, {status: 500, body: echoToken}]]],
    ['429 echoing it', {}, [[ACCESS_TOKEN_PATH, {status: 429, body: {message: echoToken}, headers: {'Retry-After': '999'}}]]],
    ['sessions 401 echoing the access token', {}, [[SESSIONS_PATH, {status: 401, body: {message: 'Invalid access token tok-1 for Bearer tok-1'}}]]],
    ['sessions 500 ×3 echoing both', {}, [1, 2, 3].map((): [string, UpstreamReply] => [SESSIONS_PATH, {status: 500, body: {error: {message: `tok-1 ${CONNECTOR_TOKEN}`}}}])],
    ['sessions invalid JSON', {}, [[SESSIONS_PATH, {status: 200, body: `not json tok-1`}]]],
    ['access-token missing field', {}, [[ACCESS_TOKEN_PATH, {status: 200, body: {token: CONNECTOR_TOKEN}}]]],
    ['timeout', {timeoutMs: 100}, [[ACCESS_TOKEN_PATH, {hang: true}]]],
    ['sessions timeout', {timeoutMs: 100}, [[SESSIONS_PATH, {hang: true}]]],
    ['redirect', {}, [[ACCESS_TOKEN_PATH, {status: 302, body: '', headers: {Location: `http://127.0.0.1:9/?t=${CONNECTOR_TOKEN}`}}]]],
  ];
  for (const [name, options, script] of cases) {
    test(`${name}: no token in the response body, headers or log lines`, async () => {
      const h = await start(options);
      for (const [path, reply] of script) h.upstream.script(path, reply);
      const res = await postCredentials(h.url, {});
      assert.ok(res.status === 429 || res.status >= 500, `expected a failure, got ${res.status}`);
      const exposed = [res.text, JSON.stringify(res.headers), ...h.logs];
      for (const secret of [CONNECTOR_TOKEN, encodeURIComponent(CONNECTOR_TOKEN), 'tok-1']) {
        for (const text of exposed) assert.ok(!text.includes(secret), `"${secret}" leaked in: ${text}`);
      }
      assert.ok(h.logs.some((line) => line.startsWith('error:')), 'the failure was logged');
    });
  }

  test('connection refused with the connector token in the base URL path still redacts it', async () => {
    const h = await start({baseUrl: `${await closedPortUrl()}/${CONNECTOR_TOKEN}`});
    const res = await postCredentials(h.url, {});
    assert.equal(res.status, 502);
    for (const text of [res.text, ...h.logs]) assert.ok(!text.includes(CONNECTOR_TOKEN), text);
  });
});
