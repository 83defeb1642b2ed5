import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import type {Harness} from './credentials-fixture.js';
import {SESSIONS_PATH, postCredentials, send, startHarness} from './credentials-fixture.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});

/** Every rejection here must happen before PolyAI is called. */
function assertNoUpstreamCall(before: number): void {
  assert.equal(h.upstream.requests.length, before, 'PolyAI must not be called for a rejected request');
}

function assertJsonError(res: Awaited<ReturnType<typeof send>>, status: number, code: string): void {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers['content-type'] ?? '', /^application\/json/);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.equal(res.json.error, code);
  assert.equal(typeof res.json.message, 'string');
}

describe('credentials request validation', () => {
  for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS']) {
    test(`${method} → 405 with Allow: POST`, async () => {
      const calls = h.upstream.requests.length;
      const res = await send(h.url, {method});
      assertJsonError(res, 405, 'method_not_allowed');
      assert.equal(res.headers.allow, 'POST');
      assertNoUpstreamCall(calls);
    });
  }

  for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
    test(`Content-Type ${contentType ?? '(none)'} → 415`, async () => {
      const calls = h.upstream.requests.length;
      const res = await send(h.url, {body: '{"new_session":false}', headers: contentType === undefined ? {} : {'Content-Type': contentType}});
      assertJsonError(res, 415, 'unsupported_media_type');
      assertNoUpstreamCall(calls);
    });
  }

  test('Content-Type with parameters and other casing is accepted', async () => {
    const res = await send(h.url, {body: {}, headers: {'Content-Type': 'Application/JSON; charset=utf-8'}});
    assert.equal(res.status, 200, res.text);
  });

  const badBodies: [string, string, RegExp][] = [
    ['invalid JSON', '{"new_session": fals', /not valid JSON/],
    ['an empty body', '', /not valid JSON/],
    ['a JSON array', '[true, false]', /must be a JSON object/],
    ['JSON null', 'null', /must be a JSON object/],
    ['a string new_session', '{"new_session": "yes"}', /"new_session" must be a boolean/],
    ['a numeric streaming', '{"new_session": false, "streaming": 1}', /"streaming" must be a boolean/],
    ['a null streaming', '{"streaming": null}', /"streaming" must be a boolean/],
  ];
  for (const [name, body, message] of badBodies) {
    test(`${name} → 400 with a clear message`, async () => {
      const calls = h.upstream.requests.length;
      const res = await postCredentials(h.url, body);
      assertJsonError(res, 400, 'bad_request');
      assert.match(String(res.json.message), message);
      assertNoUpstreamCall(calls);
    });
  }

  test('missing fields read as false; unknown fields are ignored', async () => {
    const res = await postCredentials(h.url, {extra: 1});
    assert.equal(res.status, 200, res.text);
    const last = h.upstream.calls(SESSIONS_PATH).at(-1);
    assert.deepEqual(JSON.parse(last?.body ?? ''), {streaming_enabled: false, platform: 'web'});
  });

  test('a 4096-byte body is accepted', async () => {
    const body = `{"new_session": true${' '.repeat(4096 - 21)}}`;
    assert.equal(Buffer.byteLength(body), 4096);
    const res = await postCredentials(h.url, body);
    assert.equal(res.status, 200, res.text);
  });

  test('a declared Content-Length over 4 KB → 413 without reading it', async () => {
    const calls = h.upstream.requests.length;
    const res = await postCredentials(h.url, `{"pad": "${'x'.repeat(5000)}"}`);
    assertJsonError(res, 413, 'payload_too_large');
    assertNoUpstreamCall(calls);
  });

  test('a chunked body growing past 4 KB → 413', async () => {
    const calls = h.upstream.requests.length;
    const res = await send(h.url, {headers: {'Content-Type': 'application/json'}, chunks: ['{"pad": "', 'x'.repeat(3000), 'x'.repeat(3000), '"}']});
    assertJsonError(res, 413, 'payload_too_large');
    assertNoUpstreamCall(calls);
  });

  test('the server keeps serving after rejections', async () => {
    const res = await postCredentials(h.url, {new_session: true});
    assert.equal(res.status, 200);
  });
});
