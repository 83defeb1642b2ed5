// Fault injection on real traffic: drops (now, mid-stream, armed), close codes, delay, duplicate,
// reorder, garbage, [S] variants, say/endSession, reset, and scoping. The stored history stays the truth.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {LONG_TEXT} from '../../server/simulator/agent-content.js';
import {SimClient, flatten, newSession, reassemble, useTestSim} from '../helpers/node/sim-client.js';
import type {Credentials, Frame} from '../helpers/node/sim-client.js';

const fixture = useTestSim({agentDelayMs: 1, maxMessageSizeBytes: 4096});

async function connect(creds: Credentials, cursor?: number): Promise<SimClient> {
  const client = await fixture.connect(creds, cursor);
  await client.waitFor((c) => c.frames.length > 0, 'the replay');
  return client;
}

async function joined(streaming = false): Promise<{creds: Credentials; client: SimClient}> {
  const creds = await newSession(fixture.sim, streaming);
  const client = await connect(creds);
  await client.joinAndWaitForGreeting();
  return {creds, client};
}

const maxSequence = (events: readonly Frame[]): number =>
  Math.max(0, ...events.map((e) => (typeof e.sequence === 'number' ? e.sequence : 0)));
const stored = (events: readonly Frame[]): Frame[] => events.filter((e) => typeof e.sequence === 'number');
const history = (creds: Credentials): Frame[] => fixture.sim.simulator.history(creds.sessionId) as Frame[];

describe('simulator faults: connections', () => {
  test('drop aborts TCP (client sees 1006); the session lives on and a cursor reconnect continues', async () => {
    const {creds, client} = await joined();
    fixture.sim.simulator.control({command: 'drop', sessionId: creds.sessionId});
    assert.equal((await client.waitClosed()).code, 1006);
    const again = await connect(creds, maxSequence(client.events));
    assert.deepEqual(again.events, []);
    again.say('back again');
    await again.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE');
  });

  test('drop afterEvents mid-stream: exactly n more frames, 1006, and the replay fills the gap', async () => {
    const {creds, client} = await joined(true);
    fixture.sim.simulator.control({command: 'drop', sessionId: creds.sessionId, afterEvents: 5});
    const before = client.frames.length;
    client.say('long please');
    assert.equal((await client.waitClosed()).code, 1006);
    const seen = client.frames.slice(before);
    assert.equal(seen.length, 5);
    assert.deepEqual(seen.slice(0, 3).map((f) => f.type), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_POLY_AGENT_THINKING', 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK']);
    // The agent keeps talking into the history; wait for the end of the reply, then resume.
    const done = (): boolean => history(creds).some((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK' && e.payload?.is_complete === true && e.sequence! > maxSequence(client.events));
    await waitUntil(done);
    const again = await connect(creds, maxSequence(client.events));
    const union = [...stored(client.events), ...again.events];
    assert.deepEqual(union, history(creds));
    const longChunks = union.filter((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK' && e.payload?.message_id === seen[2]?.payload?.message_id);
    assert.equal(reassemble(longChunks).text, LONG_TEXT);
  });

  test('drop while no socket is open arms the next connection', async () => {
    const creds = await newSession(fixture.sim);
    fixture.sim.simulator.control({command: 'drop', sessionId: creds.sessionId, afterEvents: 1});
    const client = await fixture.connect(creds);
    assert.equal((await client.waitClosed()).code, 1006);
    assert.equal(client.frames.length, 1);
    assert.equal(client.frames[0]?.type, 'EVENT_TYPE_EVENT_BATCH');
  });

  test('close with 1000, 1001, 1011, 4001, 4003 and a reason; 1006 means drop; unsendable codes throw', async () => {
    for (const code of [1000, 1001, 1011, 4001, 4003]) {
      const creds = await newSession(fixture.sim);
      const client = await connect(creds);
      fixture.sim.simulator.control({command: 'close', sessionId: creds.sessionId, code, reason: `because ${code}`});
      assert.deepEqual(await client.waitClosed(), {code, reason: `because ${code}`});
    }
    const creds = await newSession(fixture.sim);
    const client = await connect(creds);
    fixture.sim.simulator.control({command: 'close', sessionId: creds.sessionId, code: 1006});
    assert.equal((await client.waitClosed()).code, 1006);
    assert.throws(() => fixture.sim.simulator.control({command: 'close', code: 1005}), /cannot be sent/);
  });

  test('commands without sessionId act on every session; sessionId scopes them', async () => {
    const a = await joined();
    const b = await joined();
    fixture.sim.simulator.control({command: 'faults', sessionId: a.creds.sessionId, duplicateRate: 1});
    a.client.say('one');
    b.client.say('one');
    await a.client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 3);
    await b.client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    assert.equal(b.client.ofType('EVENT_TYPE_USER_MESSAGE').length, 1);
    fixture.sim.simulator.control({command: 'close', code: 4003});
    assert.equal((await a.client.waitClosed()).code, 4003);
    assert.equal((await b.client.waitClosed()).code, 4003);
  });
});

describe('simulator faults: traffic transforms', () => {
  test('delay holds every frame back without changing the order', async () => {
    const {creds, client} = await joined();
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, delayMs: 60});
    const started = Date.now();
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    await client.waitForType('EVENT_TYPE_HEARTBEAT');
    assert.ok(Date.now() - started >= 55, `echo after ${Date.now() - started} ms`);
    const mark = client.events.length;
    client.say('delayed');
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    assert.deepEqual(client.events.slice(mark).map((e) => e.type), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_POLY_AGENT_THINKING', 'EVENT_TYPE_POLY_AGENT_MESSAGE']);
  });

  test('duplicateRate 1 sends every live event twice with the same id; history keeps one', async () => {
    const {creds, client} = await joined();
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, duplicateRate: 1});
    const mark = client.events.length;
    client.say('twice');
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 3);
    const wire = client.events.slice(mark);
    assert.deepEqual(wire.map((e) => e.type), [
      'EVENT_TYPE_USER_MESSAGE',
      'EVENT_TYPE_USER_MESSAGE',
      'EVENT_TYPE_POLY_AGENT_THINKING',
      'EVENT_TYPE_POLY_AGENT_THINKING',
      'EVENT_TYPE_POLY_AGENT_MESSAGE',
      'EVENT_TYPE_POLY_AGENT_MESSAGE',
    ]);
    assert.equal(wire[0]?.id, wire[1]?.id);
    assert.equal(history(creds).filter((e) => e.type === 'EVENT_TYPE_USER_MESSAGE').length, 1);
  });

  test('reorderRate 1 swaps live events within a burst; history order is unchanged', async () => {
    const {creds, client} = await joined();
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, reorderRate: 1});
    const mark = client.events.length;
    client.say('shuffle');
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    assert.deepEqual(client.events.slice(mark).map((e) => e.type), [
      'EVENT_TYPE_POLY_AGENT_THINKING',
      'EVENT_TYPE_USER_MESSAGE',
      'EVENT_TYPE_POLY_AGENT_MESSAGE',
    ]);
    assert.deepEqual(history(creds).slice(-2).map((e) => e.type), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_POLY_AGENT_MESSAGE']);
  });

  test('garbage: one of each kind by default, nothing stored, and the socket keeps working', async () => {
    const {creds, client} = await joined();
    const before = history(creds);
    const frames = client.frames.length;
    fixture.sim.simulator.control({command: 'garbage', sessionId: creds.sessionId});
    await client.waitFor((c) => c.frames.length >= frames + 5 && c.binaryFrames.length === 1, 'garbage');
    const text = client.frames.slice(frames);
    assert.ok('unparsable' in (text[0] ?? {}));
    assert.equal(text[1]?.type, 'EVENT_TYPE_FROM_THE_FUTURE');
    assert.equal(text[2]?.sequence, 'seven');
    assert.ok((client.raw[frames + 3]?.length ?? 0) > 4096, 'oversized frame');
    assert.equal(text[4]?.id, undefined);
    assert.deepEqual(history(creds), before);
    client.say('still alive');
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
  });

  test('garbage with kinds and count cycles through the given kinds', async () => {
    const {creds, client} = await joined();
    const frames = client.frames.length;
    fixture.sim.simulator.control({command: 'garbage', sessionId: creds.sessionId, kinds: ['missing-id', 'unknown-type'], count: 3});
    await client.waitFor((c) => c.frames.length >= frames + 3, 'three frames');
    assert.deepEqual(client.frames.slice(frames).map((f) => f.type), [
      'EVENT_TYPE_POLY_AGENT_MESSAGE',
      'EVENT_TYPE_FROM_THE_FUTURE',
      'EVENT_TYPE_POLY_AGENT_MESSAGE',
    ]);
  });
});

describe('simulator faults: variants and agent commands', () => {
  test('oneof: nested batch events carry their data under the oneof key, not payload', async () => {
    const {creds} = await joined();
    fixture.sim.simulator.control({command: 'variants', sessionId: creds.sessionId, oneof: true});
    const client = await connect(creds);
    const events = flatten(client.frames);
    const start = events[0] ?? {};
    assert.equal(start.payload, undefined);
    assert.deepEqual(start.session_start, history(creds)[0]?.payload);
    const message = events.find((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE') ?? {};
    assert.equal(typeof (message.poly_agent_message as Frame).text, 'string');
    assert.ok(history(creds).every((e) => typeof e.payload === 'object'));
  });

  test('flatLiveAgent and legacyQueuePosition change the wire, not the history', async () => {
    const {creds, client} = await joined();
    fixture.sim.simulator.control({command: 'variants', sessionId: creds.sessionId, flatLiveAgent: true, legacyQueuePosition: true});
    client.say('agent');
    await client.waitForType('EVENT_TYPE_LIVE_AGENT_MESSAGE');
    const joinedEvent = client.ofType('EVENT_TYPE_LIVE_AGENT_JOINED')[0];
    assert.deepEqual(joinedEvent?.payload, {agent_id: 'agent_17', agent_name: 'Priya', avatar_url: 'https://picsum.photos/seed/priya/96/96'});
    const queue = client.ofType('EVENT_TYPE_HANDOFF_QUEUE_STATUS');
    assert.ok(queue.every((q) => typeof q.payload?.position === 'number' && q.payload?.position_in_queue === undefined));
    const storedJoin = history(creds).find((e) => e.type === 'EVENT_TYPE_LIVE_AGENT_JOINED');
    assert.equal((storedJoin?.payload?.agent as Frame).name, 'Priya');
  });

  test('say: agent text (whole or streamed) and live-agent text, stored', async () => {
    const {creds, client} = await joined();
    fixture.sim.simulator.control({command: 'say', sessionId: creds.sessionId, role: 'agent', text: '<b>not bold</b>'});
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    assert.equal(client.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE')[1]?.payload?.text, '<b>not bold</b>');
    fixture.sim.simulator.control({command: 'say', sessionId: creds.sessionId, role: 'agent', text: 'one two three four five six', streaming: true});
    await client.waitFor((c) => c.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK').some((e) => e.payload?.is_complete), 'chunks');
    assert.equal(reassemble(client.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK')).text, 'one two three four five six');
    fixture.sim.simulator.control({command: 'say', sessionId: creds.sessionId, role: 'live-agent', text: 'Hi from Priya'});
    await client.waitForType('EVENT_TYPE_LIVE_AGENT_MESSAGE');
    assert.equal(history(creds).at(-1)?.payload?.text, 'Hi from Priya');
  });

  test('endSession: SESSION_END with the reason, then close 1000', async () => {
    const {creds, client} = await joined();
    fixture.sim.simulator.control({command: 'endSession', sessionId: creds.sessionId, reason: 'REASON_SOMETHING_NEW'});
    assert.equal((await client.waitClosed()).code, 1000);
    assert.deepEqual(client.events.at(-1)?.payload, {reason: 'REASON_SOMETHING_NEW'});
  });

  test('reset clears faults and variants', async () => {
    const {creds, client} = await joined();
    fixture.sim.simulator.control({command: 'faults', duplicateRate: 1});
    fixture.sim.simulator.control({command: 'variants', bareHeartbeat: true});
    fixture.sim.simulator.control({command: 'reset'});
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    client.say('once');
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    assert.equal(client.ofType('EVENT_TYPE_USER_MESSAGE').length, 1);
    assert.equal(typeof client.ofType('EVENT_TYPE_HEARTBEAT')[0]?.id, 'string');
    assert.ok(creds.sessionId);
  });
});

async function waitUntil(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
