// The HTTP control surface (/__sim/*), mounting beside other handlers, and determinism: the same
// seed (and clock) gives byte-identical wire traffic, faults included.
import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {after, before, describe, test} from 'node:test';
import {createSimulator, KEYWORDS} from '../../server/simulator/index.js';
import {SimClient, newSession, post, socketUrl, startTestSim} from '../helpers/node/sim-client.js';
import type {Frame, TestSim} from '../helpers/node/sim-client.js';

describe('simulator HTTP control routes', () => {
  let sim: TestSim;
  before(async () => {
    sim = await startTestSim();
  });
  after(() => sim.close());

  const control = (body: unknown): ReturnType<typeof post> =>
    post(`${sim.url}/__sim/control`, {'Content-Type': 'application/json'}, typeof body === 'string' ? body : JSON.stringify(body));

  test('POST /__sim/control runs a command (say reaches the socket) and lists sessions', async () => {
    const creds = await newSession(sim);
    const client = await SimClient.connect(socketUrl(sim, creds));
    try {
      const said = await control({command: 'say', sessionId: creds.sessionId, role: 'live-agent', text: 'via HTTP'});
      assert.deepEqual(said, {...said, status: 200, body: {ok: true, sessions: 1}});
      await client.waitForType('EVENT_TYPE_LIVE_AGENT_MESSAGE');
      const listed = await fetch(`${sim.url}/__sim/sessions`).then((r) => r.json() as Promise<Array<Record<string, unknown>>>);
      const mine = listed.find((entry) => entry.sessionId === creds.sessionId);
      assert.deepEqual(mine, {sessionId: creds.sessionId, streaming: false, phase: 'awaiting-join', sockets: 1, ended: false, expired: false, events: 2, pending: 0});
    } finally {
      await client.close();
    }
  });

  test('capabilities: sessions created from now on advertise them; a global reset restores the options', async () => {
    const advertised = async (): Promise<unknown> => {
      const creds = await newSession(sim);
      const start = sim.simulator.history(creds.sessionId)[0];
      return ((start as {payload?: unknown} | undefined)?.payload as {capabilities: {max_reconnect_attempts: number}}).capabilities.max_reconnect_attempts;
    };
    const before = await advertised();
    assert.deepEqual((await control({command: 'capabilities', maxReconnectAttempts: 1})).body, {ok: true});
    assert.equal(await advertised(), 1);
    await control({command: 'reset'});
    assert.equal(await advertised(), before);
  });

  test('invalid bodies, unknown commands and unknown sessions → 400 with a message', async () => {
    for (const [body, pattern] of [
      ['{oops', /JSON|Unexpected|Expected/],
      [{command: 'explode'}, /unknown command/],
      [{command: 'say', role: 'agent'}, /"text" is required/],
      [{command: 'drop', sessionId: 'missing'}, /unknown session missing/],
    ] as const) {
      const reply = await control(body);
      assert.equal(reply.status, 400, JSON.stringify(body));
      assert.match(String(reply.body.message), pattern);
    }
  });

  test('GET /__sim/sessions/<id> returns history and received frames; unknown → 404', async () => {
    const creds = await newSession(sim);
    const client = await SimClient.connect(socketUrl(sim, creds));
    try {
      await client.joinAndWaitForGreeting();
      const reply = await fetch(`${sim.url}/__sim/sessions/${creds.sessionId}`);
      assert.equal(reply.status, 200);
      const body = (await reply.json()) as {history: Frame[]; received: Frame[]};
      assert.deepEqual(body.history, sim.simulator.history(creds.sessionId));
      assert.deepEqual(body.received, [{type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', payload: {}}]);
      assert.equal(body.history.length, 4);
    } finally {
      await client.close();
    }
    const missing = await fetch(`${sim.url}/__sim/sessions/nope`);
    assert.equal(missing.status, 404);
    await missing.arrayBuffer();
  });

  test('GET /__sim/keywords returns KEYWORDS; wrong methods and unknown routes are refused', async () => {
    assert.deepEqual(await fetch(`${sim.url}/__sim/keywords`).then((r) => r.json()), KEYWORDS);
    const wrongMethod = await fetch(`${sim.url}/__sim/control`);
    assert.equal(wrongMethod.status, 405);
    await wrongMethod.arrayBuffer();
    const unknown = await fetch(`${sim.url}/__sim/whatever`);
    assert.equal(unknown.status, 404);
    await unknown.arrayBuffer();
  });

  test('handleRequest returns false for other paths, so it mounts beside other handlers', async () => {
    const simulator = createSimulator();
    const server = createServer((req, res) => {
      if (simulator.handleRequest(req, res)) return;
      res.writeHead(200, {'Content-Type': 'text/plain'});
      res.end('host app');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      assert.equal(await fetch(`${base}/index.html`).then((r) => r.text()), 'host app');
      assert.equal(await fetch(`${base}/api/v2/other`).then((r) => r.text()), 'host app');
      assert.equal((await fetch(`${base}/__sim/keywords`)).status, 200);
    } finally {
      await simulator.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

/** One scripted conversation with faults on; returns every raw text frame and the stored history. */
async function recordRun(seed: number, apart?: {sessionSeed: number; otherDraws: number}): Promise<{raw: string[]; history: readonly object[]}> {
  let tick = 1_700_000_000_000;
  const sim = await startTestSim({seed, agentDelayMs: 0, now: () => tick++});
  try {
    if (apart) await drawFaultsElsewhere(sim, apart.otherDraws);
    const creds = await newSession(sim, true);
    if (apart) sim.simulator.control({command: 'seed', sessionId: creds.sessionId, seed: apart.sessionSeed});
    sim.simulator.control({command: 'faults', sessionId: creds.sessionId, duplicateRate: 0.4, reorderRate: 0.4});
    const client = await SimClient.connect(socketUrl(sim, creds));
    const completed = (): number =>
      new Set(
        client
          .ofType('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK')
          .filter((e) => e.payload?.is_complete === true)
          .map((e) => e.payload?.message_id),
      ).size;
    client.join();
    await client.waitFor(() => completed() === 1, 'the greeting');
    for (const [i, text] of ['hello', 'show me markdown', 'a link'].entries()) {
      client.say(text, {client_event_id: `c${i}`});
      await client.waitFor(() => completed() === i + 2, `reply ${i}`);
    }
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    await client.waitForType('EVENT_TYPE_HEARTBEAT');
    await client.close();
    return {raw: client.raw, history: sim.simulator.history(creds.sessionId)};
  } finally {
    await sim.close();
  }
}

/** Another session with faults on takes `replies` replies first, drawing from the shared fault PRNG. */
async function drawFaultsElsewhere(sim: TestSim, replies: number): Promise<void> {
  const creds = await newSession(sim, true);
  sim.simulator.control({command: 'faults', sessionId: creds.sessionId, duplicateRate: 0.5, reorderRate: 0.5});
  const client = await SimClient.connect(socketUrl(sim, creds));
  client.join();
  for (let i = 0; i < replies; i++) {
    client.say(`noise ${i}`, {client_event_id: `n${i}`});
    await client.waitFor(() => client.ofType('EVENT_TYPE_USER_MESSAGE').length > i, `noise ${i}`);
  }
  await client.close();
}

/** The wire traffic without what the shared id PRNG decides (ids, timestamps): types and numbering. */
const shape = (raw: readonly string[]): string[] =>
  raw.map((text) => {
    const frame = JSON.parse(text) as Frame;
    const chunk = frame.payload?.chunk_index;
    return `${frame.type}:${String(frame.sequence)}:${String(chunk ?? '')}`;
  });

describe('simulator determinism', () => {
  test('a session seeded apart draws the same faults whatever other sessions drew before it', async () => {
    const quiet = await recordRun(42, {sessionSeed: 9, otherDraws: 0});
    const busy = await recordRun(42, {sessionSeed: 9, otherDraws: 3});
    assert.deepEqual(shape(busy.raw), shape(quiet.raw));
    const shared = await recordRun(42);
    assert.notDeepEqual(shape(shared.raw), shape(quiet.raw), 'the session seed changes the fault decisions');
  });


  test('the same seed gives identical wire traffic and history; another seed does not', async () => {
    const first = await recordRun(42);
    const second = await recordRun(42);
    assert.ok(first.raw.length > 20);
    assert.deepEqual(second.raw, first.raw);
    assert.deepEqual(second.history, first.history);
    const wire = first.raw.map((text) => JSON.parse(text) as Frame);
    assert.ok(wire.length > first.history.length, 'the duplicate fault is visible on the wire');
    const other = await recordRun(43);
    assert.notDeepEqual(other.raw, first.raw);
  });

  test('the seed command reseeds: ids repeat after reseeding with the same value', async () => {
    const sim = await startTestSim({seed: 5, now: () => 0});
    try {
      const mint = (): Promise<string> =>
        post(`${sim.url}/api/v1/access-token`, {'X-Token': 'sim-connector-token', 'X-Host': 'localhost'}, '{}').then((r) => String(r.body.access_token));
      const a = await mint();
      sim.simulator.control({command: 'seed', seed: 5});
      assert.equal(await mint(), a);
      assert.notEqual(await mint(), a);
    } finally {
      await sim.close();
    }
  });
});
