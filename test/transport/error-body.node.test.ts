import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {extractServerError} from '../../src/transport/error-body.js';
import {redactSecrets} from '../../src/transport/redact.js';
import {parseRetryAfter} from '../../src/transport/retry-after.js';

describe('extractServerError (protocol §2.4 shapes)', () => {
  const cases: [string, string, string | undefined][] = [
    ['message', '{"message":"Invalid access token","error":"other"}', 'Invalid access token'],
    ['error string', '{"error":"Failed to create session"}', 'Failed to create session'],
    ['error.message', '{"error":{"code":"x","id":"1","message":"Missing access token","correlation_id":"c"}}', 'Missing access token'],
    ['error_message', '{"success":false,"error":null,"error_id":"e","error_code":1,"error_message":"Error parsing request","data":null}', 'Error parsing request'],
    ['empty message falls through to error', '{"message":"","error":"Failed to create session"}', 'Failed to create session'],
    ['raw text', 'Bad Gateway', 'Bad Gateway'],
    ['JSON without a known key: raw text', '{"detail":"nope"}', '{"detail":"nope"}'],
    ['JSON array: raw text', '["x"]', '["x"]'],
    ['whitespace collapsed', '<html>\n  <body>  Service\tUnavailable </body>\n</html>', '<html> <body> Service Unavailable </body> </html>'],
    ['empty body', '', undefined],
    ['blank body', '  \n ', undefined],
  ];
  for (const [name, body, expected] of cases) {
    it(name, () => assert.equal(extractServerError(body), expected));
  }

  it('truncates raw text to 200 characters', () => {
    const result = extractServerError('x'.repeat(5000));
    assert.equal(result?.length, 200);
    assert.ok(result?.endsWith('…'));
  });

  it('redacts a known secret the server echoes', () => {
    const body = '{"message":"Invalid access token TOKEN-SECRET-XYZ"}';
    assert.equal(extractServerError(body, ['TOKEN-SECRET-XYZ']), 'Invalid access token [redacted]');
  });

  it('redacts values the body itself holds under token-like keys', () => {
    const body = '{"message":"token TOKEN-SECRET-XYZ rejected","access_token":"TOKEN-SECRET-XYZ","token_type":"Bearer"}';
    assert.equal(extractServerError(body), 'token [redacted] rejected');
  });

  it('redacts before truncating, so no prefix of a secret survives', () => {
    const secret = 'S'.repeat(30);
    const result = extractServerError(`${'x'.repeat(185)}${secret}`, [secret]) ?? '';
    assert.ok(!result.includes('SSSS'), result);
  });
});

describe('redactSecrets', () => {
  it('removes known secrets, raw and URL-encoded', () => {
    assert.equal(redactSecrets('a TOK/EN+1 b TOK%2FEN%2B1 c', ['TOK/EN+1']), 'a [redacted] b [redacted] c');
  });

  it('removes JWT-shaped strings', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    assert.equal(redactSecrets(`bad token ${jwt}.`), 'bad token [redacted].');
  });

  it('removes access_token assignments and bearer values', () => {
    assert.equal(redactSecrets('GET /ws?session_id=s&access_token=abc123&cursor=1'), 'GET /ws?session_id=s&access_token=[redacted]&cursor=1');
    assert.equal(redactSecrets('{"access_token": "abc123"}'), '{"access_token": "[redacted]"}');
    assert.equal(redactSecrets('Authorization: Bearer abc123'), 'Authorization: Bearer [redacted]');
  });

  it('leaves PolyAI’s error strings alone', () => {
    for (const text of ['Invalid access token', 'Missing access token', 'Missing authentication headers', 'session not found']) {
      assert.equal(redactSecrets(text), text);
    }
  });

  it('ignores an empty known secret', () => {
    assert.equal(redactSecrets('unchanged', ['']), 'unchanged');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds as milliseconds', () => {
    assert.equal(parseRetryAfter('5'), 5000);
    assert.equal(parseRetryAfter(' 0 '), 0);
    assert.equal(parseRetryAfter('1.5'), 1500);
  });

  it('reads an HTTP-date against the injected clock', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now), 7000);
    assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now), 0, 'a past date means now');
    assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT'), undefined, 'no clock, no answer');
  });

  it('is undefined when missing or unparsable', () => {
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter('-5'), undefined);
  });
});
