// The /ws upgrade (§3.3): validation order and strings, the socket limit, token binding, the
// refuseHandshakes and expireSession commands. HTTP statuses are read from `unexpected-response`.
import assert from 'node:assert/strict';
import {after, afterEach, before, describe, test} from 'node:test';
import {createSimulator} from '../../server/simulator/index.js';
import {SimClient, mintToken, newSession, socketUrl, startTestSim, tryHandshake} from '../helpers/node/sim-client.js';
import type {HandshakeOutcome, TestSim} from '../helpers/node/sim-client.js';

let clock = 1_700_000_000_000;
let sim: TestSim;
const clients: SimClient[] = [];

before(async () => {
  sim = await startTestSim({now: () => clock, maxSocketsPerSession: 2, tokenTtlSeconds: 600});
});
afterEach(async () => {
  sim.simulator.control({command: 'reset'});
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
after(() => sim.close());

async function connect(url: string): Promise<SimClient> {
  const client = await SimClient.connect(url);
  clients.push(client);
  return client;
}

function assertRefused(outcome: HandshakeOutcome, status: number, message: string): void {
  assert.equal(outcome.kind, 'http', `expected HTTP ${status}, got ${outcome.kind}`);
  if (outcome.kind !== 'http') return;
  assert.equal(outcome.status, status);
  assert.deepEqual(outcome.body, {message, error: message});
}

describe('simulator handshake', () => {
  test('a valid handshake opens', async () => {
    const creds = await newSession(sim);
    assert.deepEqual(await tryHandshake(socketUrl(sim, creds)), {kind: 'open'});
  });

  test('missing session_id or access_token → 400 invalid connection parameters', async () => {
    const creds = await newSession(sim);
    assertRefused(await tryHandshake(`${sim.wsUrl}?access_token=${creds.token}`), 400, 'invalid connection parameters');
    assertRefused(await tryHandshake(`${sim.wsUrl}?session_id=${creds.sessionId}`), 400, 'invalid connection parameters');
    assertRefused(await tryHandshake(`${sim.wsUrl}?session_id=&access_token=`), 400, 'invalid connection parameters');
  });

  test('unknown session → 404 session not found (checked before the token)', async () => {
    assertRefused(await tryHandshake(`${sim.wsUrl}?session_id=nope&access_token=bad`), 404, 'session not found');
  });

  test('bad token, another identity, or an expired token → 401 authentication failed', async () => {
    const creds = await newSession(sim);
    assertRefused(await tryHandshake(socketUrl(sim, {...creds, token: 'garbage'})), 401, 'authentication failed');
    const otherIdentity = await mintToken(sim);
    assertRefused(await tryHandshake(socketUrl(sim, {...creds, token: otherIdentity})), 401, 'authentication failed');
    const start = clock;
    clock += 600_000;
    try {
      assertRefused(await tryHandshake(socketUrl(sim, creds)), 401, 'authentication failed');
    } finally {
      clock = start;
    }
  });

  test('more sockets than the limit → 429 connection limit exceeded for session, with Retry-After', async () => {
    const creds = await newSession(sim);
    const first = await connect(socketUrl(sim, creds));
    await connect(socketUrl(sim, creds));
    const refused = await tryHandshake(socketUrl(sim, creds));
    assertRefused(refused, 429, 'connection limit exceeded for session');
    assert.equal(refused.kind === 'http' && refused.retryAfter, '1');
    await first.close();
    await waitUntil(() => sessionSockets(creds.sessionId) === 1);
    assert.deepEqual(await tryHandshake(socketUrl(sim, creds)), {kind: 'open'});
  });

  test('refuseHandshakes: the next N upgrades are aborted (no HTTP answer), then it opens', async () => {
    const creds = await newSession(sim);
    sim.simulator.control({command: 'refuseHandshakes', count: 2});
    assert.deepEqual(await tryHandshake(socketUrl(sim, creds)), {kind: 'aborted'});
    assert.deepEqual(await tryHandshake(socketUrl(sim, creds)), {kind: 'aborted'});
    assert.deepEqual(await tryHandshake(socketUrl(sim, creds)), {kind: 'open'});
  });

  test('refuseHandshakes with a status answers with the §3.3 string; 429 carries Retry-After', async () => {
    const creds = await newSession(sim);
    const expected = {400: 'invalid connection parameters', 401: 'authentication failed', 404: 'session not found', 429: 'connection limit exceeded for session'} as const;
    for (const status of [400, 401, 404, 429] as const) {
      sim.simulator.control({command: 'refuseHandshakes', count: 1, status, retryAfter: 7});
      const outcome = await tryHandshake(socketUrl(sim, creds));
      assertRefused(outcome, status, expected[status]);
      assert.equal(outcome.kind === 'http' && outcome.retryAfter, status === 429 ? '7' : undefined);
    }
    assert.deepEqual(await tryHandshake(socketUrl(sim, creds)), {kind: 'open'});
  });

  test('refuseHandshakes scoped to a session leaves other sessions alone', async () => {
    const target = await newSession(sim);
    const other = await newSession(sim);
    sim.simulator.control({command: 'refuseHandshakes', sessionId: target.sessionId, count: 1, status: 404});
    assert.deepEqual(await tryHandshake(socketUrl(sim, other)), {kind: 'open'});
    assertRefused(await tryHandshake(socketUrl(sim, target)), 404, 'session not found');
    assert.deepEqual(await tryHandshake(socketUrl(sim, target)), {kind: 'open'});
  });

  test('expireSession closes the sockets (1001) and later handshakes get 404', async () => {
    const creds = await newSession(sim);
    const client = await connect(socketUrl(sim, creds));
    sim.simulator.control({command: 'expireSession', sessionId: creds.sessionId});
    assert.equal((await client.waitClosed()).code, 1001);
    assertRefused(await tryHandshake(socketUrl(sim, creds)), 404, 'session not found');
  });

  test('handleUpgrade ignores other paths', () => {
    const simulator = createSimulator();
    const handled = simulator.handleUpgrade(
      {url: '/other?session_id=x', headers: {}} as never,
      {destroy: () => assert.fail('must not touch the socket')} as never,
      Buffer.alloc(0),
    );
    assert.equal(handled, false);
    return simulator.close();
  });
});

function sessionSockets(sessionId: string): number {
  const list = sim.simulator.control({command: 'sessions'}) as Array<{sessionId: string; sockets: number}>;
  return list.find((entry) => entry.sessionId === sessionId)?.sockets ?? -1;
}

async function waitUntil(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
