// REST endpoints of the simulator (§2.2, §2.3): every documented error string and status, the
// success shapes, identity per token, and the injected 429/500 failures.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {CONNECTOR, createSession, mintToken, post, startTestSim} from '../helpers/node/sim-client.js';
import type {TestSim} from '../helpers/node/sim-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let clock = 1_700_000_000_000;
let sim: TestSim;

before(async () => {
  sim = await startTestSim({
    now: () => clock,
    tokenTtlSeconds: 3600,
    connectors: [CONNECTOR, {token: 'corp-token', host: 'yourcompany.com'}, {token: 'hostless-token', host: ''}],
  });
});
after(() => sim.close());

const tokenUrl = (): string => `${sim.url}/api/v1/access-token`;
const sessionsUrl = (): string => `${sim.url}/api/v1/sessions`;
const mint = (headers: Record<string, string>): ReturnType<typeof post> =>
  post(tokenUrl(), {'Content-Type': 'application/json', ...headers}, '{}');
const createWith = (headers: Record<string, string>, body?: string): ReturnType<typeof post> =>
  post(sessionsUrl(), {'Content-Type': 'application/json', ...headers}, body);

function claims(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

function assertError(reply: {status: number; body: Record<string, unknown>}, status: number, message: string): void {
  assert.equal(reply.status, status);
  assert.deepEqual(reply.body, {message, error: message});
}

describe('simulator REST: /api/v1/access-token', () => {
  test('mints a JWT-shaped Bearer token with the configured lifetime and a correlation id', async () => {
    const reply = await mint({'X-Token': CONNECTOR.token, 'X-Host': CONNECTOR.host});
    assert.equal(reply.status, 200);
    assert.equal(reply.body.token_type, 'Bearer');
    assert.equal(reply.body.expires_in, 3600);
    const token = String(reply.body.access_token);
    assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const body = claims(token);
    assert.match(String(body.sub), UUID);
    assert.equal(Number(body.exp) - Number(body.iat), 3600);
    assert.equal(body.iat, Math.floor(clock / 1000));
    assert.match(reply.headers.get('x-polyai-correlation-id') ?? '', UUID);
  });

  test('each call is a new identity', async () => {
    const a = claims(await mintToken(sim));
    const b = claims(await mintToken(sim));
    assert.notEqual(a.sub, b.sub);
  });

  test('subdomains and a scheme/port prefix are accepted', async () => {
    for (const host of ['app.yourcompany.com', 'https://www.yourcompany.com', 'yourcompany.com']) {
      assert.equal((await mint({'X-Token': 'corp-token', 'X-Host': host})).status, 200, host);
    }
    assert.equal((await mint({'X-Token': CONNECTOR.token, 'X-Host': 'http://localhost:5173'})).status, 200);
  });

  test('missing X-Token or X-Host → 401 Missing authentication headers', async () => {
    assertError(await mint({'X-Host': 'localhost'}), 401, 'Missing authentication headers');
    assertError(await mint({'X-Token': CONNECTOR.token}), 401, 'Missing authentication headers');
    assertError(await mint({'X-Token': '', 'X-Host': 'localhost'}), 401, 'Missing authentication headers');
  });

  test('unknown connector token → 401 Connector token does not exist', async () => {
    assertError(await mint({'X-Token': 'nope', 'X-Host': 'localhost'}), 401, 'Connector token does not exist');
  });

  test('host mismatch → 401 Failed to validate connector', async () => {
    assertError(await mint({'X-Token': 'corp-token', 'X-Host': 'evilyourcompany.com'}), 401, 'Failed to validate connector');
    assertError(await mint({'X-Token': CONNECTOR.token, 'X-Host': 'example.com'}), 401, 'Failed to validate connector');
  });

  test('connector without a host → 401 Connector missing host domain', async () => {
    assertError(await mint({'X-Token': 'hostless-token', 'X-Host': 'localhost'}), 401, 'Connector missing host domain');
  });

  test('injected failures: 500 Failed to create access token, then 429 with Retry-After, then normal', async () => {
    sim.simulator.control({command: 'restFailures', endpoint: 'access-token', count: 1});
    assertError(await mint({'X-Token': CONNECTOR.token, 'X-Host': 'localhost'}), 500, 'Failed to create access token');
    sim.simulator.control({command: 'restFailures', endpoint: 'access-token', count: 1, status: 429, retryAfter: 4});
    const limited = await mint({'X-Token': CONNECTOR.token, 'X-Host': 'localhost'});
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '4');
    assert.equal((await mint({'X-Token': CONNECTOR.token, 'X-Host': 'localhost'})).status, 200);
  });

  test('other methods → 405', async () => {
    const response = await fetch(tokenUrl());
    assert.equal(response.status, 405);
    await response.arrayBuffer();
  });
});

describe('simulator REST: /api/v1/sessions', () => {
  test('creates sessions with or without a body; streaming_enabled is remembered; unknown fields ignored', async () => {
    const token = await mintToken(sim);
    const plain = await createWith({Authorization: `Bearer ${token}`});
    assert.equal(plain.status, 200);
    assert.match(String(plain.body.session_id), UUID);
    assert.deepEqual(Object.keys(plain.body), ['session_id']);
    const streaming = await createSession(sim, token, {streaming_enabled: true, platform: 'web', device_type: 'desktop', extra: 1});
    const capabilities = (id: string): unknown => (sim.simulator.history(id)[0] as {payload: {capabilities: unknown}}).payload.capabilities;
    assert.deepEqual(capabilities(String(plain.body.session_id)), {
      streaming: false,
      max_message_size_bytes: 131072,
      max_reconnect_attempts: 5,
      heartbeat_interval_seconds: 30,
    });
    assert.equal((capabilities(streaming) as {streaming: boolean}).streaming, true);
    assert.notEqual(streaming, plain.body.session_id);
  });

  test('no Authorization → 400 Missing access token', async () => {
    assertError(await createWith({}, '{}'), 400, 'Missing access token');
  });

  test('Authorization not in Bearer form → 401 Missing authentication headers', async () => {
    const token = await mintToken(sim);
    assertError(await createWith({Authorization: token}, '{}'), 401, 'Missing authentication headers');
    assertError(await createWith({Authorization: `Basic ${token}`}, '{}'), 401, 'Missing authentication headers');
  });

  test('malformed, tampered or expired token → 401 Invalid access token', async () => {
    assertError(await createWith({Authorization: 'Bearer not-a-jwt'}, '{}'), 401, 'Invalid access token');
    const token = await mintToken(sim);
    const tampered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    assertError(await createWith({Authorization: `Bearer ${tampered}`}, '{}'), 401, 'Invalid access token');
    const start = clock;
    clock += 3600 * 1000;
    try {
      assertError(await createWith({Authorization: `Bearer ${token}`}, '{}'), 401, 'Invalid access token');
    } finally {
      clock = start;
    }
    assert.equal((await createWith({Authorization: `Bearer ${token}`}, '{}')).status, 200);
  });

  test('a body that is not a JSON object → 400 Error parsing request', async () => {
    const token = await mintToken(sim);
    for (const body of ['{bad json', '[]', '"text"', 'null']) {
      assertError(await createWith({Authorization: `Bearer ${token}`}, body), 400, 'Error parsing request');
    }
  });

  test('injected failure → 500 Failed to create session', async () => {
    const token = await mintToken(sim);
    sim.simulator.control({command: 'restFailures', endpoint: 'sessions', count: 1});
    assertError(await createWith({Authorization: `Bearer ${token}`}, '{}'), 500, 'Failed to create session');
    assert.equal((await createWith({Authorization: `Bearer ${token}`}, '{}')).status, 200);
  });
});
