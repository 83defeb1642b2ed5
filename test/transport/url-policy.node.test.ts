import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {buildSocketUrl, DEFAULT_BASE_URL, isLoopbackHost, resolveBaseUrl} from '../../src/transport/url-policy.js';

describe('isLoopbackHost', () => {
  const cases: [string, boolean][] = [
    ['localhost', true],
    ['LOCALHOST', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['127.255.255.255', true],
    ['::1', true],
    ['[::1]', true],
    // Refused: not loopback, or not pinned to loopback by every resolver.
    ['app.localhost', false],
    ['localhost.', false],
    ['localhost.example.com', false],
    ['127.0.0.1.evil.com', false],
    ['128.0.0.1', false],
    ['127.0.0.256', false],
    ['127.0.0', false],
    ['127.01.0.1', false],
    ['0.0.0.0', false],
    ['[::2]', false],
    ['[::ffff:7f00:1]', false],
    ['messaging.poly.ai', false],
    ['', false],
  ];
  for (const [host, expected] of cases) {
    it(`${JSON.stringify(host)} → ${expected}`, () => assert.equal(isLoopbackHost(host), expected));
  }
});

describe('resolveBaseUrl', () => {
  const accepted: [string | undefined, string, string][] = [
    [undefined, 'https://messaging.poly.ai', 'wss://messaging.poly.ai/ws'],
    ['https://messaging.us-1.poly.ai', 'https://messaging.us-1.poly.ai', 'wss://messaging.us-1.poly.ai/ws'],
    ['https://messaging.poly.ai/', 'https://messaging.poly.ai', 'wss://messaging.poly.ai/ws'],
    ['  https://Messaging.Poly.AI//  ', 'https://messaging.poly.ai', 'wss://messaging.poly.ai/ws'],
    ['https://messaging.poly.ai/api/v1', 'https://messaging.poly.ai', 'wss://messaging.poly.ai/ws'],
    ['https://messaging.poly.ai/api/v1/', 'https://messaging.poly.ai', 'wss://messaging.poly.ai/ws'],
    ['https://proxy.example.com/polyai/', 'https://proxy.example.com/polyai', 'wss://proxy.example.com/polyai/ws'],
    ['https://example.com:8443', 'https://example.com:8443', 'wss://example.com:8443/ws'],
    ['https://example.com:443', 'https://example.com', 'wss://example.com/ws'],
    ['wss://messaging.poly.ai', 'https://messaging.poly.ai', 'wss://messaging.poly.ai/ws'],
    ['wss://messaging.poly.ai/ws', 'https://messaging.poly.ai', 'wss://messaging.poly.ai/ws'],
    ['https://proxy.example.com/ws', 'https://proxy.example.com/ws', 'wss://proxy.example.com/ws/ws'],
    ['http://localhost:8787', 'http://localhost:8787', 'ws://localhost:8787/ws'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787', 'ws://127.0.0.1:8787/ws'],
    ['http://127.1.2.3', 'http://127.1.2.3', 'ws://127.1.2.3/ws'],
    ['http://127.1:9000', 'http://127.0.0.1:9000', 'ws://127.0.0.1:9000/ws'],
    ['http://[::1]:8787', 'http://[::1]:8787', 'ws://[::1]:8787/ws'],
    ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]', 'ws://[::1]/ws'],
    ['ws://localhost:8787', 'http://localhost:8787', 'ws://localhost:8787/ws'],
  ];
  for (const [input, httpBase, wsUrl] of accepted) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      assert.deepEqual(resolveBaseUrl(input), {ok: true, httpBase, wsUrl});
    });
  }

  it('defaults to PolyAI’s primary host', () => {
    assert.equal(DEFAULT_BASE_URL, 'https://messaging.poly.ai');
  });

  const refused: [string, 'insecure-url' | 'invalid-url'][] = [
    ['http://messaging.poly.ai', 'insecure-url'],
    ['http://example.com:8787', 'insecure-url'],
    ['ws://messaging.poly.ai', 'insecure-url'],
    ['http://app.localhost:8787', 'insecure-url'],
    ['http://192.168.1.10', 'insecure-url'],
    ['http://0.0.0.0:8787', 'insecure-url'],
    ['https://user:pass@messaging.poly.ai', 'insecure-url'],
    ['https://user@messaging.poly.ai', 'insecure-url'],
    ['http://user:pass@localhost', 'insecure-url'],
    ['javascript:alert(1)', 'invalid-url'],
    ['ftp://messaging.poly.ai', 'invalid-url'],
    ['file:///etc/passwd', 'invalid-url'],
    ['data:text/plain,hi', 'invalid-url'],
    ['messaging.poly.ai', 'invalid-url'],
    ['/relative/path', 'invalid-url'],
    ['', 'invalid-url'],
    ['https://messaging.poly.ai/?x=1', 'invalid-url'],
    ['https://messaging.poly.ai/#frag', 'invalid-url'],
  ];
  for (const [input, code] of refused) {
    it(`refuses ${JSON.stringify(input)} as ${code}`, () => {
      const result = resolveBaseUrl(input);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.code, code);
      assert.ok(result.message.length > 0);
    });
  }

  it('never echoes user info in its message', () => {
    const result = resolveBaseUrl('https://alice:SECRET-PW@messaging.poly.ai');
    assert.equal(result.ok, false);
    assert.ok(!JSON.stringify(result).includes('SECRET-PW'));
  });

  it('is idempotent on its own output (createSession re-checks httpBase)', () => {
    for (const input of ['https://proxy.example.com/polyai/', 'http://[::1]:8787', undefined]) {
      const first = resolveBaseUrl(input);
      assert.ok(first.ok);
      assert.deepEqual(resolveBaseUrl(first.httpBase), first);
    }
  });
});

describe('buildSocketUrl', () => {
  const wsUrl = 'wss://messaging.poly.ai/ws';

  it('puts session_id and access_token in the query', () => {
    assert.equal(
      buildSocketUrl(wsUrl, {sessionId: 'abc-123', accessToken: 'eyJ.a.b', cursor: 0}),
      'wss://messaging.poly.ai/ws?session_id=abc-123&access_token=eyJ.a.b',
    );
  });

  it('URL-encodes both values', () => {
    const url = buildSocketUrl(wsUrl, {sessionId: 'a b&c=d', accessToken: 'x+y/z=?#%', cursor: 0});
    assert.equal(url, 'wss://messaging.poly.ai/ws?session_id=a%20b%26c%3Dd&access_token=x%2By%2Fz%3D%3F%23%25');
    const params = new URL(url).searchParams;
    assert.equal(params.get('session_id'), 'a b&c=d');
    assert.equal(params.get('access_token'), 'x+y/z=?#%');
  });

  it('adds the cursor as a plain integer only when it is > 0', () => {
    const url = (cursor: number): string => buildSocketUrl(wsUrl, {sessionId: 's', accessToken: 't', cursor});
    assert.equal(url(12), `${wsUrl}?session_id=s&access_token=t&cursor=12`);
    assert.equal(url(1), `${wsUrl}?session_id=s&access_token=t&cursor=1`);
    for (const none of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(url(none), `${wsUrl}?session_id=s&access_token=t`, `cursor ${none}`);
    }
  });
});
