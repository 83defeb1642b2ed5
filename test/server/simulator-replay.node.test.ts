// History replay on connect (§3.4): full replay starting with SESSION_START, cursor forms, the
// empty batch, overlap after reconnect, split batches, live events interleaved between batches, and
// duplicate/reorder faults inside batches that leave the stored history untouched.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {SimClient, newSession, useTestSim} from '../helpers/node/sim-client.js';
import type {Credentials, Frame} from '../helpers/node/sim-client.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const fixture = useTestSim();
const connect = fixture.connect;

/** A session with 8 stored events: start, join echo, joined, greeting, 2 × (message echo, reply). */
async function sessionWithHistory(): Promise<Credentials> {
  const creds = await newSession(fixture.sim);
  const client = await connect(creds);
  await client.joinAndWaitForGreeting();
  client.say('first');
  await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
  client.say('second');
  await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 3);
  await client.close();
  assert.equal(fixture.sim.simulator.history(creds.sessionId).length, 8);
  return creds;
}

async function firstBatch(client: SimClient): Promise<Frame> {
  await client.waitFor((c) => c.frames.length > 0, 'a first frame');
  const frame = client.frames[0] as Frame;
  assert.equal(frame.type, 'EVENT_TYPE_EVENT_BATCH');
  return frame;
}

const nested = (batch: Frame): Frame[] => (batch.payload?.events ?? []) as Frame[];

describe('simulator replay', () => {
  test('a new session replays one batch holding SESSION_START (sequence 1) with full envelopes', async () => {
    const creds = await newSession(fixture.sim, true);
    const batch = await firstBatch(await connect(creds));
    assert.match(String(batch.id), UUID);
    assert.equal(batch.sequence, null);
    assert.match(String(batch.timestamp), ISO);
    const [start, ...rest] = nested(batch);
    assert.equal(rest.length, 0);
    assert.deepEqual(Object.keys(start ?? {}).sort(), ['id', 'payload', 'sequence', 'timestamp', 'type']);
    assert.equal(start?.type, 'EVENT_TYPE_SESSION_START');
    assert.equal(start?.sequence, 1);
    assert.match(String(start?.id), UUID);
    assert.deepEqual(start?.payload, {
      capabilities: {streaming: true, max_message_size_bytes: 131072, max_reconnect_attempts: 5, heartbeat_interval_seconds: 30},
    });
  });

  test('cursor=0 / missing / unparsable → the full history, in order, exactly as stored', async () => {
    const creds = await sessionWithHistory();
    const history = fixture.sim.simulator.history(creds.sessionId);
    for (const cursor of [undefined, 0, 'abc', '-1', '2.5', 'seq:x']) {
      const batch = await firstBatch(await connect(creds, cursor));
      assert.deepEqual(nested(batch), history, `cursor ${String(cursor)}`);
    }
  });

  test('cursor=n and cursor=seq:n replay only sequence > n', async () => {
    const creds = await sessionWithHistory();
    const history = fixture.sim.simulator.history(creds.sessionId);
    for (const cursor of [4, 'seq:4']) {
      const batch = await firstBatch(await connect(creds, cursor));
      assert.deepEqual(nested(batch), history.slice(4), `cursor ${cursor}`);
      assert.deepEqual(nested(batch).map((e) => e.sequence), [5, 6, 7, 8]);
    }
  });

  test('a reconnect with nothing newer gets one empty batch', async () => {
    const creds = await sessionWithHistory();
    const client = await connect(creds, 8);
    const batch = await firstBatch(client);
    assert.deepEqual(batch.payload, {events: []});
    // The socket is in order: once a heartbeat's echo is back, anything sent before it would be too.
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    await client.waitForType('EVENT_TYPE_HEARTBEAT');
    assert.deepEqual(client.frames.map((frame) => (frame as Frame).type), ['EVENT_TYPE_EVENT_BATCH', 'EVENT_TYPE_HEARTBEAT']);
  });

  test('overlapReplay n re-sends the n events at or before the cursor, once', async () => {
    const creds = await sessionWithHistory();
    const history = fixture.sim.simulator.history(creds.sessionId);
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, overlapReplay: 2});
    const overlapped = await firstBatch(await connect(creds, 5));
    assert.deepEqual(nested(overlapped), history.slice(3));
    const plain = await firstBatch(await connect(creds, 5));
    assert.deepEqual(nested(plain), history.slice(5));
  });

  test('splitBatches cuts the replay into batches of n that concatenate to the history', async () => {
    const creds = await sessionWithHistory();
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, splitBatches: 3});
    const client = await connect(creds);
    await client.waitFor((c) => c.frames.length >= 3, 'three batches');
    assert.deepEqual(client.frames.map((f) => nested(f).length), [3, 3, 2]);
    assert.deepEqual(client.events, fixture.sim.simulator.history(creds.sessionId));
    assert.ok(client.frames.every((f) => f.type === 'EVENT_TYPE_EVENT_BATCH' && f.sequence === null));
  });

  test('interleaveLive lets a live event arrive between the first and the later batches', async () => {
    const creds = await sessionWithHistory();
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, splitBatches: 2, interleaveLive: true});
    const client = await connect(creds);
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    await client.waitFor((c) => c.frames.length >= 5, 'four batches and an echo');
    assert.deepEqual(
      client.frames.map((f) => f.type),
      ['EVENT_TYPE_EVENT_BATCH', 'EVENT_TYPE_HEARTBEAT', 'EVENT_TYPE_EVENT_BATCH', 'EVENT_TYPE_EVENT_BATCH', 'EVENT_TYPE_EVENT_BATCH'],
    );
    const replayed = client.frames.filter((f) => f.type === 'EVENT_TYPE_EVENT_BATCH').flatMap(nested);
    assert.deepEqual(replayed, fixture.sim.simulator.history(creds.sessionId));
  });

  test('interleaveLive without live traffic still delivers every batch', async () => {
    const creds = await sessionWithHistory();
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, splitBatches: 4, interleaveLive: true});
    const client = await connect(creds);
    await client.waitFor((c) => c.frames.length >= 2, 'both batches');
    assert.deepEqual(client.events, fixture.sim.simulator.history(creds.sessionId));
  });

  test('duplicate and reorder faults act inside batches; the stored history is unchanged', async () => {
    const creds = await sessionWithHistory();
    const history = fixture.sim.simulator.history(creds.sessionId);
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, duplicateRate: 1});
    const duplicated = nested(await firstBatch(await connect(creds)));
    assert.deepEqual(duplicated, history.flatMap((event) => [event, event]));
    fixture.sim.simulator.control({command: 'reset', sessionId: creds.sessionId});
    fixture.sim.simulator.control({command: 'faults', sessionId: creds.sessionId, reorderRate: 1});
    const reordered = nested(await firstBatch(await connect(creds)));
    assert.deepEqual(reordered.map((e) => e.sequence), [2, 1, 4, 3, 6, 5, 8, 7]);
    assert.deepEqual(fixture.sim.simulator.history(creds.sessionId), history);
  });
});
