import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Harness} from './credentials-fixture.js';
import {cookieOf, postCredentials, useHarnesses} from './credentials-fixture.js';

const start = useHarnesses();

async function assertForbidden(h: Harness, headers: Record<string, string>): Promise<void> {
  const res = await postCredentials(h.url, {}, undefined, headers);
  assert.equal(res.status, 403, `${JSON.stringify(headers)}: ${res.text}`);
  assert.equal(res.json.error, 'forbidden_origin');
  assert.equal(res.headers['set-cookie'], undefined);
  assert.equal(h.upstream.requests.length, 0, 'refused before any upstream call');
}

describe('credentials handler: who may ask', () => {
  test('Sec-Fetch-Site: cross-site gets 403, whatever the Origin says', async () => {
    const h = await start();
    await assertForbidden(h, {'Sec-Fetch-Site': 'cross-site'});
    await assertForbidden(h, {'Sec-Fetch-Site': 'cross-site', Origin: h.url});
  });

  test('by default only an Origin of the request’s own host passes', async () => {
    const h = await start();
    await assertForbidden(h, {Origin: 'https://evil.example'});
    await assertForbidden(h, {Origin: 'null'});
    await assertForbidden(h, {Origin: 'https://chat.example.com.evil.example', Host: 'chat.example.com'});
    const same = await postCredentials(h.url, {}, undefined, {Origin: 'https://chat.example.com', Host: 'chat.example.com', 'Sec-Fetch-Site': 'same-origin'});
    assert.equal(same.status, 200, same.text);
    const local = await postCredentials(h.url, {}, undefined, {Origin: h.url});
    assert.equal(local.status, 200, local.text);
    const noOrigin = await postCredentials(h.url, {});
    assert.equal(noOrigin.status, 200, 'no Origin (curl, a server) is left to the rate limits');
  });

  test('X-Forwarded-Host counts as our own host only behind a trusted proxy', async () => {
    const headers = {Origin: 'https://www.example.com', Host: 'localhost:3000', 'X-Forwarded-Host': 'www.example.com'};
    const untrusted = await start();
    await assertForbidden(untrusted, headers);
    await untrusted.close();
    const h = await start({trustProxy: true});
    assert.equal((await postCredentials(h.url, {}, undefined, headers)).status, 200);
  });

  test('allowedOrigins replaces the default: listed origins pass (scheme and port count), others get 403', async () => {
    const h = await start({allowedOrigins: ['https://www.example.com', 'http://localhost:5173/']});
    assert.equal((await postCredentials(h.url, {}, undefined, {Origin: 'https://www.example.com'})).status, 200);
    assert.equal((await postCredentials(h.url, {}, undefined, {Origin: 'http://localhost:5173'})).status, 200);
    h.upstream.requests.length = 0;
    await assertForbidden(h, {Origin: 'http://www.example.com'});
    await assertForbidden(h, {Origin: 'https://www.example.com:8443'});
    await assertForbidden(h, {Origin: h.url});
  });
});

describe('credentials handler: cookie tampering', () => {
  test('a request carrying the cookie name twice is treated as having none', async () => {
    const h = await start();
    const first = cookieOf(await postCredentials(h.url, {}));
    const second = cookieOf(await postCredentials(h.url, {}));
    for (const cookie of [`${first}; ${second}`, `${first}; ${first}`]) {
      const res = await postCredentials(h.url, {}, cookie);
      assert.equal(res.status, 200);
      assert.notEqual(res.json.session_id, 'sess-1', cookie);
      assert.notEqual(res.json.session_id, 'sess-2', cookie);
    }
    assert.equal((await postCredentials(h.url, {}, first)).json.session_id, 'sess-1', 'alone, the cookie still resumes');
  });
});
