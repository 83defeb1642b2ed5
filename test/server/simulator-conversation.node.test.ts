// The conversation over a real socket (§4, §5, §7, §9): join and greeting, whole and streamed turns,
// echoes with metadata, invalid events, heartbeats (and the bare variant), typing, user end, idle
// timeout, and broadcast to every socket of a session.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {GREETING} from '../../server/simulator/agent-content.js';
import {FakeClock} from '../helpers/node/fake-clock.js';
import {SimClient, newSession, reassemble, socketUrl, startTestSim, tryHandshake, useTestSim} from '../helpers/node/sim-client.js';
import type {Credentials, Frame, TestSim} from '../helpers/node/sim-client.js';

const fixture = useTestSim({agentDelayMs: 1, maxMessageSizeBytes: 2048});

async function connect(creds: Credentials, cursor?: number): Promise<SimClient> {
  const client = await fixture.connect(creds, cursor);
  await client.waitFor((c) => c.frames.length > 0, 'the replay');
  return client;
}

async function fresh(streaming = false): Promise<{creds: Credentials; client: SimClient}> {
  const creds = await newSession(fixture.sim, streaming);
  return {creds, client: await connect(creds)};
}

const types = (events: readonly Frame[]): string[] => events.map((e) => String(e.type));
const since = (client: SimClient, index: number): Frame[] => client.events.slice(index);
const errorsOf = (client: SimClient): Frame[] => client.ofType('EVENT_TYPE_SYSTEM_MESSAGE');

describe('simulator conversation', () => {
  test('join: echo, POLY_AGENT_JOINED, THINKING (transient), greeting with suggestions', async () => {
    const {creds, client} = await fresh();
    await client.joinAndWaitForGreeting();
    const live = since(client, 1);
    assert.deepEqual(types(live), [
      'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN',
      'EVENT_TYPE_POLY_AGENT_JOINED',
      'EVENT_TYPE_POLY_AGENT_THINKING',
      'EVENT_TYPE_POLY_AGENT_MESSAGE',
    ]);
    assert.deepEqual(live.map((e) => e.sequence), [2, 3, null, 4]);
    assert.equal(live[1]?.payload?.agent_name, 'Poly');
    assert.match(String(live[1]?.payload?.agent_avatar_url), /^https:\/\//);
    const greeting = live[3]?.payload ?? {};
    assert.equal(greeting.text, GREETING.text);
    const suggestions = greeting.response_suggestions as Array<{message_text: string}>;
    assert.ok(suggestions.length >= 2 && suggestions.length <= 3);
    assert.ok(suggestions.every((s) => typeof s.message_text === 'string'));
    assert.deepEqual(types(fixture.sim.simulator.history(creds.sessionId) as Frame[]), [
      'EVENT_TYPE_SESSION_START',
      'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN',
      'EVENT_TYPE_POLY_AGENT_JOINED',
      'EVENT_TYPE_POLY_AGENT_MESSAGE',
    ]);
  });

  test('a second join is echoed but does not greet again', async () => {
    const {client} = await fresh();
    await client.joinAndWaitForGreeting();
    client.join();
    client.say('after');
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    assert.equal(client.ofType('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN').length, 2);
    assert.equal(client.ofType('EVENT_TYPE_POLY_AGENT_JOINED').length, 1);
  });

  test('a message before the join: echo, then "Error: Conversation not found" with the metadata', async () => {
    const {client} = await fresh();
    client.say('too early', {client_event_id: 'c1'});
    await client.waitForType('EVENT_TYPE_SYSTEM_MESSAGE');
    const [echo, error] = since(client, 1);
    assert.equal(echo?.type, 'EVENT_TYPE_USER_MESSAGE');
    assert.deepEqual(error?.payload, {level: 'SYSTEM_MESSAGE_LEVEL_ERROR', message: 'Error: Conversation not found'});
    assert.deepEqual(error?.metadata, {custom: {client_event_id: 'c1'}});
  });

  test('a whole turn: echo with message_id and metadata, THINKING, one POLY_AGENT_MESSAGE', async () => {
    const {creds, client} = await fresh();
    await client.joinAndWaitForGreeting();
    const mark = client.events.length;
    client.say('hello there', {client_event_id: 'abc-1'});
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    const turn = since(client, mark);
    assert.deepEqual(types(turn), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_POLY_AGENT_THINKING', 'EVENT_TYPE_POLY_AGENT_MESSAGE']);
    const [echo, thinking, reply] = turn;
    assert.equal(echo?.payload?.text, 'hello there');
    assert.match(String(echo?.payload?.message_id), /^[0-9a-f-]{36}$/);
    assert.deepEqual(echo?.metadata, {custom: {client_event_id: 'abc-1'}});
    assert.equal(echo?.sequence, 5);
    assert.equal(thinking?.sequence, null);
    assert.equal(reply?.sequence, 6);
    assert.equal(reply?.payload?.text, 'You said: "hello there". Type **help** to see what I can do.');
    assert.equal(reply?.metadata, undefined);
    assert.deepEqual(fixture.sim.simulator.received(creds.sessionId).filter((f) => (f as Frame).type === 'EVENT_TYPE_USER_MESSAGE'), [
      {type: 'EVENT_TYPE_USER_MESSAGE', payload: {text: 'hello there'}, metadata: {custom: {client_event_id: 'abc-1'}}},
    ]);
  });

  test('a streamed turn: chunks from index 1, a final empty chunk with suggestions, reassembly = stored text', async () => {
    const {creds, client} = await fresh(true);
    client.join();
    await client.waitFor((c) => c.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK').some((e) => e.payload?.is_complete), 'the greeting');
    const chunks = client.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK');
    assert.ok(chunks.length >= 4);
    assert.deepEqual(chunks.map((c) => c.payload?.chunk_index), chunks.map((_, i) => i + 1));
    assert.ok(chunks.every((c) => c.payload?.message_id === chunks[0]?.payload?.message_id));
    assert.ok(chunks.every((c) => typeof c.sequence === 'number'));
    const final = chunks.at(-1)?.payload ?? {};
    assert.equal(final.is_complete, true);
    assert.equal(final.text, '');
    assert.deepEqual(final.response_suggestions, GREETING.suggestions);
    assert.ok(chunks.slice(0, -1).every((c) => c.payload?.is_complete === false && c.payload?.text !== ''));
    assert.equal(reassemble(chunks).text, GREETING.text);
    const stored = (fixture.sim.simulator.history(creds.sessionId) as Frame[]).filter((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK');
    assert.deepEqual(stored, chunks);
    assert.equal(client.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE').length, 0);
  });

  test('invalid events get the §8.3 errors with metadata, and the socket stays open', async () => {
    const {creds, client} = await fresh();
    client.send('{not json');
    client.send({type: 'EVENT_TYPE_MADE_UP', payload: {}, metadata: {custom: {id: 'u1'}}});
    client.send({type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload: {text: 'x'}, metadata: {custom: {id: 'u2'}}});
    client.send({type: 'EVENT_TYPE_USER_MESSAGE', payload: {}});
    client.ws.send(Buffer.from([1, 2, 3]), {binary: true});
    client.send({type: 'EVENT_TYPE_USER_MESSAGE', payload: {text: 'x'.repeat(3000)}, metadata: {custom: {id: 'u3'}}});
    await client.waitForType('EVENT_TYPE_SYSTEM_MESSAGE', 6);
    assert.deepEqual(
      errorsOf(client).map((e) => [e.payload?.level, e.payload?.message, e.metadata]),
      [
        ['SYSTEM_MESSAGE_LEVEL_ERROR', 'Unknown event type or invalid message format', undefined],
        ['SYSTEM_MESSAGE_LEVEL_ERROR', 'Unknown event type or invalid message format', {custom: {id: 'u1'}}],
        ['SYSTEM_MESSAGE_LEVEL_ERROR', 'Event type not allowed: EVENT_TYPE_POLY_AGENT_MESSAGE', {custom: {id: 'u2'}}],
        ['SYSTEM_MESSAGE_LEVEL_ERROR', 'Unknown event type or invalid message format', undefined],
        ['SYSTEM_MESSAGE_LEVEL_ERROR', 'Unknown event type or invalid message format', undefined],
        ['SYSTEM_MESSAGE_LEVEL_ERROR', 'Message too large', {custom: {id: 'u3'}}],
      ],
    );
    assert.equal(client.ofType('EVENT_TYPE_USER_MESSAGE').length, 0, 'rejected frames are not echoed');
    await client.joinAndWaitForGreeting();
    assert.equal(fixture.sim.simulator.received(creds.sessionId).length, 7);
  });

  test('heartbeat: echoed transient (sequence null, not stored) with metadata, to the sender only', async () => {
    const {creds, client} = await fresh();
    const other = await connect(creds);
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}, metadata: {custom: {beat: '1'}}});
    await client.waitForType('EVENT_TYPE_HEARTBEAT');
    const [echo] = client.ofType('EVENT_TYPE_HEARTBEAT');
    assert.equal(echo?.sequence, null);
    assert.match(String(echo?.id), /^[0-9a-f-]{36}$/);
    assert.equal(typeof echo?.timestamp, 'string');
    assert.deepEqual(echo?.metadata, {custom: {beat: '1'}});
    assert.equal(fixture.sim.simulator.history(creds.sessionId).length, 1);
    other.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    await other.waitForType('EVENT_TYPE_HEARTBEAT');
    // A second beat of our own: anything broadcast from `other` would have reached us before its echo.
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}, metadata: {custom: {beat: '2'}}});
    await client.waitFor((c) => c.ofType('EVENT_TYPE_HEARTBEAT').some((e) => e.metadata !== undefined && JSON.stringify(e.metadata).includes('"2"')), 'beat 2');
    assert.equal(client.ofType('EVENT_TYPE_HEARTBEAT').length, 2);
    assert.equal(other.ofType('EVENT_TYPE_HEARTBEAT').length, 1);
  });

  test('bareHeartbeat variant: the echo has no id, timestamp or sequence', async () => {
    const {creds, client} = await fresh();
    fixture.sim.simulator.control({command: 'variants', sessionId: creds.sessionId, bareHeartbeat: true});
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    await client.waitForType('EVENT_TYPE_HEARTBEAT');
    assert.deepEqual(client.ofType('EVENT_TYPE_HEARTBEAT')[0], {type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
  });

  test('USER_TYPING is recorded but not echoed', async () => {
    const {creds, client} = await fresh();
    client.send({type: 'EVENT_TYPE_USER_TYPING', payload: {state: 'TYPING_STATE_STARTED'}});
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    await client.waitForType('EVENT_TYPE_HEARTBEAT');
    assert.equal(client.ofType('EVENT_TYPE_USER_TYPING').length, 0);
    assert.deepEqual(fixture.sim.simulator.received(creds.sessionId)[0], {type: 'EVENT_TYPE_USER_TYPING', payload: {state: 'TYPING_STATE_STARTED'}});
  });

  test('user end: echo, SESSION_END REASON_USER_END, close 1000; a reconnect replays the end and closes', async () => {
    const {creds, client} = await fresh();
    await client.joinAndWaitForGreeting();
    client.send({type: 'EVENT_TYPE_USER_END_SESSION', payload: {}, metadata: {custom: {k: 'end'}}});
    const closed = await client.waitClosed();
    assert.equal(closed.code, 1000);
    const tail = client.events.slice(-2);
    assert.deepEqual(types(tail), ['EVENT_TYPE_USER_END_SESSION', 'EVENT_TYPE_SESSION_END']);
    assert.deepEqual(tail[0]?.metadata, {custom: {k: 'end'}});
    assert.deepEqual(tail[1]?.payload, {reason: 'REASON_USER_END'});
    const again = await connect(creds);
    assert.equal((await again.waitClosed()).code, 1000);
    assert.equal(again.events.at(-1)?.type, 'EVENT_TYPE_SESSION_END');
  });

  test('every socket of a session receives the stored events', async () => {
    const {creds, client} = await fresh();
    const second = await connect(creds);
    await client.joinAndWaitForGreeting();
    await second.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE');
    assert.deepEqual(second.events, client.events);
  });
});

describe('simulator idle timeout (on a hand-driven clock)', () => {
  // The idle timer runs on a fake clock (SimulatorOptions.timers): time moves only by advance(), so
  // a busy machine cannot fire it early or late. Sockets and frames are real; the tests wait for
  // the simulator to have armed the timer (handshake) or taken a frame before moving time.
  const clock = new FakeClock(Date.UTC(2026, 4, 20, 9));
  let armed = 0;
  let idleSim: TestSim;
  before(async () => {
    idleSim = await startTestSim({
      idleTimeoutMs: 80,
      now: clock.now,
      timers: {
        setTimeout: (fn, ms) => {
          armed++;
          return clock.setTimeout(fn, ms);
        },
        clearTimeout: clock.clearTimeout,
      },
    });
  });
  after(() => idleSim.close());

  /** Resolves once `ready()` holds (the simulator did its synchronous part of some I/O). */
  async function until(ready: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!ready()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** A socket on a new session, once the handshake armed the idle timer. */
  async function connected(): Promise<{creds: Credentials; client: SimClient}> {
    const creds = await newSession(idleSim);
    const before = armed;
    const client = await SimClient.connect(socketUrl(idleSim, creds));
    await until(() => armed > before, 'the handshake to arm the idle timer');
    return {creds, client};
  }

  test('silence → SESSION_END REASON_USER_ABANDONED, close 1001, then 404', async () => {
    const {creds, client} = await connected();
    clock.advance(79);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(client.ws.readyState, client.ws.OPEN, 'not before the limit');
    clock.advance(1);
    const closed = await client.waitClosed();
    assert.equal(closed.code, 1001);
    assert.deepEqual(client.events.at(-1)?.payload, {reason: 'REASON_USER_ABANDONED'});
    assert.deepEqual((idleSim.simulator.history(creds.sessionId).at(-1) as Frame).payload, {reason: 'REASON_USER_ABANDONED'});
    const outcome = await tryHandshake(socketUrl(idleSim, creds));
    assert.equal(outcome.kind === 'http' && outcome.status, 404);
  });

  test('any inbound frame (heartbeats, even garbage) resets the timer', async () => {
    const {creds, client} = await connected();
    for (let beat = 0; beat < 6; beat++) {
      const received = idleSim.simulator.received(creds.sessionId).length;
      client.send(beat % 2 ? {type: 'EVENT_TYPE_HEARTBEAT', payload: {}} : 'junk');
      await until(() => idleSim.simulator.received(creds.sessionId).length > received, `frame ${beat}`);
      clock.advance(60);
    }
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(client.ws.readyState, client.ws.OPEN, 'still open after 360 ms, 4.5× the idle timeout');
    clock.advance(80);
    assert.equal((await client.waitClosed()).code, 1001);
  });

  test('idleTimeout command changes the limit for running sessions', async () => {
    idleSim.simulator.control({command: 'idleTimeout', ms: 10_000});
    const {client} = await connected();
    clock.advance(9_999);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(client.ws.readyState, client.ws.OPEN);
    idleSim.simulator.control({command: 'idleTimeout', ms: 20});
    clock.advance(20);
    assert.equal((await client.waitClosed()).code, 1001);
    idleSim.simulator.control({command: 'idleTimeout', ms: 80});
  });
});
