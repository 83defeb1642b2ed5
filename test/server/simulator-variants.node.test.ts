// The §12 server variants (VariantSettings): each one on real traffic through a `ws` client, what the
// wire shows, and that the stored history is untouched (wire-only variants) or is exactly what the
// wire shows (variants that change what the server stores). No wall-clock assertions: "nothing was
// sent" is proven by a later frame on the same socket (one socket delivers in order).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {GREETING, HUGE_WORD_BYTES} from '../../server/simulator/agent-content.js';
import {parseCommand} from '../../server/simulator/command-parser.js';
import {styleEndReason} from '../../server/simulator/event-types.js';
import {selectReplay} from '../../server/simulator/replay.js';
import {SERVER_VARIANTS, SERVER_VARIANT_NAMES, serverVariantCommands, serverVariantForSeed} from '../../server/simulator/index.js';
import type {ServerVariant, VariantSettings} from '../../server/simulator/index.js';
import {SimClient, newSession, reassemble, socketUrl, startTestSim, useTestSim} from '../helpers/node/sim-client.js';
import type {Credentials, Frame} from '../helpers/node/sim-client.js';

const fixture = useTestSim({maxMessageSizeBytes: 4096});

const history = (creds: Credentials): Frame[] => fixture.sim.simulator.history(creds.sessionId) as Frame[];
const maxSequence = (events: readonly Frame[]): number =>
  Math.max(0, ...events.map((e) => (typeof e.sequence === 'number' ? e.sequence : 0)));
const CHUNK = 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK';
const END = 'EVENT_TYPE_SESSION_END';

async function connect(creds: Credentials, cursor?: number): Promise<SimClient> {
  const client = await fixture.connect(creds, cursor);
  await client.waitFor((c) => c.frames.length > 0, 'the replay');
  return client;
}

/** A session with these variants set before anything but SESSION_START happened. */
async function sessionWith(variants: VariantSettings, streaming = false): Promise<Credentials> {
  const creds = await newSession(fixture.sim, streaming);
  fixture.sim.simulator.control({command: 'variants', sessionId: creds.sessionId, ...variants});
  return creds;
}

/** Joined, greeted and `turns` more exchanges. */
async function talk(creds: Credentials, turns = 2): Promise<SimClient> {
  const client = await connect(creds);
  await client.joinAndWaitForGreeting();
  const replies = (): number => client.events.filter((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE' || (e.type === CHUNK && e.payload?.is_complete === true)).length;
  for (let i = 0; i < turns; i++) {
    const target = replies() + 1;
    client.say(`turn ${i}`);
    await client.waitFor(() => replies() >= target, `reply ${i}`);
  }
  return client;
}

/** Sends a heartbeat and waits for its echo: everything the server sent before it has arrived. */
async function barrier(client: SimClient): Promise<void> {
  const count = client.ofType('EVENT_TYPE_HEARTBEAT').length;
  client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
  await client.waitForType('EVENT_TYPE_HEARTBEAT', count + 1);
}

describe('server variants: replay (Q5, Q6)', () => {
  test('noEmptyBatch: a current cursor gets no batch at all; a stale one still gets its batch', async () => {
    const creds = await sessionWith({noEmptyBatch: true});
    const first = await talk(creds, 1);
    const stored = history(creds);
    const cursor = maxSequence(first.events);
    const again = await fixture.connect(creds, cursor);
    await barrier(again);
    assert.deepEqual(again.frames.map((f) => f.type), ['EVENT_TYPE_HEARTBEAT']);
    const stale = await connect(creds, cursor - 2);
    assert.equal(stale.frames[0]?.type, 'EVENT_TYPE_EVENT_BATCH');
    assert.deepEqual(stale.events, stored.slice(-2));
    assert.deepEqual(history(creds), stored);
  });

  test('default (resumeWithoutSessionStart): a resumed replay holds no SESSION_START', async () => {
    const creds = await newSession(fixture.sim);
    const first = await talk(creds, 1);
    const resumed = await connect(creds, 2);
    assert.ok(resumed.events.every((e) => e.type !== 'EVENT_TYPE_SESSION_START'));
    assert.deepEqual(resumed.events, history(creds).slice(2));
    await first.close();
  });

  test('sessionStartOnResume: every resumed replay starts with SESSION_START, even with nothing newer', async () => {
    const creds = await sessionWith({sessionStartOnResume: true});
    const first = await talk(creds, 1);
    const stored = history(creds);
    const resumed = await connect(creds, 3);
    assert.deepEqual(resumed.events, [stored[0], ...stored.slice(3)]);
    const current = await connect(creds, maxSequence(first.events));
    assert.deepEqual(current.events, [stored[0]]);
    const full = await connect(creds, 0);
    assert.deepEqual(full.events, stored, 'cursor 0 is unchanged: one SESSION_START');
    assert.deepEqual(history(creds), stored);
  });
});

describe('server variants: sequences (Q10)', () => {
  test('sequenceGaps: stored sequences increase with gaps of 1–3, and cursors still cut exactly', async () => {
    const creds = await sessionWith({sequenceGaps: true});
    const client = await talk(creds, 4);
    const stored = history(creds);
    const sequences = stored.map((e) => e.sequence as number);
    const steps = sequences.slice(1).map((s, i) => s - (sequences[i] as number));
    assert.ok(steps.every((step) => step >= 1 && step <= 3), `steps ${steps.join(',')}`);
    assert.ok(steps.some((step) => step > 1), `no gap in ${steps.join(',')}`);
    assert.deepEqual(client.events.filter((e) => typeof e.sequence === 'number'), stored, 'the wire shows the stored sequences');
    for (const cursor of [sequences[3] as number, (sequences[3] as number) + 1, sequences.at(-1) as number]) {
      const resumed = await connect(creds, cursor);
      assert.deepEqual(resumed.events, stored.filter((e) => (e.sequence as number) > cursor), `cursor ${cursor}`);
    }
  });

  test('nullSequenceInBatch: status events in a batch carry sequence null and keep their id and place; live and history unchanged', async () => {
    const creds = await sessionWith({nullSequenceInBatch: true});
    const live = await talk(creds, 1);
    live.say('français');
    await live.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 3);
    assert.ok(live.ofType('EVENT_TYPE_POLY_AGENT_JOINED').every((e) => typeof e.sequence === 'number'), 'live events keep sequences');
    const stored = history(creds);
    const replay = (await connect(creds)).events;
    assert.equal(replay.length, stored.length);
    replay.forEach((event, i) => {
      const truth = stored[i] as Frame;
      assert.equal(event.id, truth.id);
      const nulled = event.type === 'EVENT_TYPE_POLY_AGENT_JOINED' || event.type === 'EVENT_TYPE_LANGUAGE_CHANGED';
      assert.equal(event.sequence, nulled ? null : truth.sequence, event.type);
    });
    const joinedAt = replay.findIndex((e) => e.type === 'EVENT_TYPE_POLY_AGENT_JOINED');
    assert.ok(replay.slice(joinedAt + 1).some((e) => typeof e.sequence === 'number'), 'placed before later sequenced events');
    assert.ok(history(creds).every((e) => typeof e.sequence === 'number'));
  });

  test('anonymousEvents: some sequenced events have id "" (never SESSION_START, never with a null sequence); history keeps ids', async () => {
    const creds = await sessionWith({anonymousEvents: true, nullSequenceInBatch: true});
    const live = await talk(creds, 3);
    const replay = (await connect(creds)).events;
    const all = [...live.events, ...replay];
    const anonymous = all.filter((e) => e.id === '');
    assert.ok(anonymous.length > 0 && anonymous.length < all.length, `${anonymous.length} of ${all.length}`);
    assert.ok(anonymous.every((e) => typeof e.sequence === 'number'), 'an id-less event keeps its sequence');
    assert.ok(all.every((e) => e.type !== 'EVENT_TYPE_SESSION_START' || e.id !== ''));
    assert.deepEqual(replay.map((e) => e.type), history(creds).map((e) => e.type));
    assert.ok(history(creds).every((e) => typeof e.id === 'string' && e.id !== ''));
  });

  test('missingTimestamp: some events lack timestamp (never SESSION_START); history keeps them', async () => {
    const creds = await sessionWith({missingTimestamp: true});
    const live = await talk(creds, 3);
    const replay = (await connect(creds)).events;
    const all = [...live.events, ...replay];
    const bare = all.filter((e) => !('timestamp' in e));
    assert.ok(bare.length > 0 && bare.length < all.length, `${bare.length} of ${all.length}`);
    assert.ok(bare.every((e) => typeof e.id === 'string' && e.type !== 'EVENT_TYPE_SESSION_START'));
    assert.ok(history(creds).every((e) => typeof e.timestamp === 'string'));
  });
});

describe('server variants: chunks (Q17, §11.3)', () => {
  const greetingChunks = (events: readonly Frame[]): Frame[] => events.filter((e) => e.type === CHUNK);

  test('chunkIndexBase 0: indexes start at 0, stored so', async () => {
    const creds = await sessionWith({chunkIndexBase: 0}, true);
    const client = await talk(creds, 0);
    const indexes = greetingChunks(client.events).map((e) => e.payload?.chunk_index);
    assert.deepEqual(indexes, indexes.map((_, i) => i));
    assert.equal(reassemble(greetingChunks(client.events)).text, GREETING.text);
    assert.deepEqual(greetingChunks(history(creds)), greetingChunks(client.events));
  });

  test('default chunkIndexBase is 1', async () => {
    const creds = await newSession(fixture.sim, true);
    const client = await talk(creds, 0);
    assert.equal(greetingChunks(client.events)[0]?.payload?.chunk_index, 1);
  });

  test('chunkIndexGap: one index is skipped after the first chunk', async () => {
    const creds = await sessionWith({chunkIndexGap: true}, true);
    const client = await talk(creds, 0);
    const indexes = greetingChunks(client.events).map((e) => Number(e.payload?.chunk_index));
    assert.deepEqual(indexes.slice(0, 3), [1, 3, 4]);
    assert.equal(reassemble(greetingChunks(client.events)).text, GREETING.text);
    assert.deepEqual(greetingChunks(history(creds)), greetingChunks(client.events));
  });

  test('repeatChunkNewId: the first chunk comes again under a new id, stored and replayed', async () => {
    const creds = await sessionWith({repeatChunkNewId: true}, true);
    const client = await talk(creds, 0);
    const chunks = greetingChunks(client.events);
    const firsts = chunks.filter((e) => e.payload?.chunk_index === 1);
    assert.equal(firsts.length, 2);
    assert.notEqual(firsts[0]?.id, firsts[1]?.id);
    assert.notEqual(firsts[0]?.sequence, firsts[1]?.sequence);
    assert.deepEqual(firsts[0]?.payload, firsts[1]?.payload);
    assert.deepEqual(chunks.map((e) => e.payload?.chunk_index).slice(0, 4), [1, 2, 1, 3]);
    const replay = greetingChunks((await connect(creds)).events);
    assert.equal(replay.filter((e) => e.payload?.chunk_index === 1).length, 2);
    const unique = chunks.filter((e, i) => chunks.findIndex((o) => o.payload?.chunk_index === e.payload?.chunk_index) === i);
    assert.equal(reassemble(unique).text, GREETING.text, 'deduplicated by (message_id, chunk_index)');
  });
});

describe('server variants: echoes (§4.3, §5.5, Q11)', () => {
  test("heartbeatEcho 'none': heartbeats are never answered; everything else is", async () => {
    const creds = await sessionWith({heartbeatEcho: 'none'});
    const client = await talk(creds, 0);
    client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
    client.say('after the heartbeat');
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    assert.equal(client.ofType('EVENT_TYPE_HEARTBEAT').length, 0);
    assert.equal(fixture.sim.simulator.received(creds.sessionId).filter((f) => (f as Frame).type === 'EVENT_TYPE_HEARTBEAT').length, 1);
  });

  test("heartbeatEcho 'bare': the echo lacks id, sequence and timestamp", async () => {
    const creds = await sessionWith({heartbeatEcho: 'bare'});
    const client = await connect(creds);
    await barrier(client);
    assert.deepEqual(client.ofType('EVENT_TYPE_HEARTBEAT')[0], {type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
  });

  test('echoWithoutMetadata: echoes (live and replayed) carry no metadata; errors still do; history keeps it', async () => {
    const creds = await sessionWith({echoWithoutMetadata: true});
    const client = await connect(creds);
    const custom = {client_event_id: 'c-1'};
    client.say('before the join', {client_event_id: 'c-0'});
    await client.waitForType('EVENT_TYPE_SYSTEM_MESSAGE');
    assert.deepEqual(client.ofType('EVENT_TYPE_SYSTEM_MESSAGE')[0]?.metadata, {custom: {client_event_id: 'c-0'}});
    client.send({type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', payload: {}, metadata: {custom: {client_event_id: 'j-1'}}});
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE');
    client.say('hello', custom);
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    const echoes = [...client.ofType('EVENT_TYPE_USER_MESSAGE'), ...client.ofType('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN')];
    assert.equal(echoes.length, 3);
    assert.ok(echoes.every((e) => !('metadata' in e)));
    const replay = (await connect(creds)).events;
    assert.ok(replay.filter((e) => e.type === 'EVENT_TYPE_USER_MESSAGE').every((e) => !('metadata' in e)));
    const storedEcho = history(creds).find((e) => e.type === 'EVENT_TYPE_USER_MESSAGE' && e.payload?.text === 'hello');
    assert.deepEqual(storedEcho?.metadata, {custom});
  });
});

describe('server variants: endings (Q2, Q16, Q20)', () => {
  test('closeWithoutEnd: endSession closes 1000 with no SESSION_END sent or stored; a reconnect replays and closes', async () => {
    const creds = await sessionWith({closeWithoutEnd: true});
    const client = await talk(creds, 0);
    const stored = history(creds);
    fixture.sim.simulator.control({command: 'endSession', sessionId: creds.sessionId});
    assert.equal((await client.waitClosed()).code, 1000);
    assert.equal(client.ofType(END).length, 0);
    assert.deepEqual(history(creds), stored);
    const again = await connect(creds);
    assert.equal((await again.waitClosed()).code, 1000);
    assert.deepEqual(again.events, stored);
  });

  test('closeWithoutEnd: the user end and the live agent leaving close 1000 without SESSION_END', async () => {
    const user = await sessionWith({closeWithoutEnd: true});
    const a = await talk(user, 0);
    a.send({type: 'EVENT_TYPE_USER_END_SESSION', payload: {}});
    assert.equal((await a.waitClosed()).code, 1000);
    assert.equal(a.ofType('EVENT_TYPE_USER_END_SESSION').length, 1, 'the end is still echoed');
    assert.equal(a.ofType(END).length + history(user).filter((e) => e.type === END).length, 0);

    const live = await sessionWith({closeWithoutEnd: true});
    const b = await talk(live, 0);
    b.say('agent please');
    await b.waitForType('EVENT_TYPE_LIVE_AGENT_MESSAGE');
    b.say('bye');
    assert.equal((await b.waitClosed()).code, 1000);
    assert.equal(b.ofType('EVENT_TYPE_LIVE_AGENT_LEFT').length, 1);
    assert.equal(b.ofType(END).length + history(live).filter((e) => e.type === END).length, 0);
  });

  test('close 1000 (default settings): the socket closes without SESSION_END and the session lives on', async () => {
    const creds = await newSession(fixture.sim);
    const client = await talk(creds, 0);
    fixture.sim.simulator.control({command: 'close', sessionId: creds.sessionId, code: 1000});
    assert.equal((await client.waitClosed()).code, 1000);
    assert.equal(client.ofType(END).length + history(creds).filter((e) => e.type === END).length, 0);
    const again = await connect(creds, maxSequence(client.events));
    again.say('still here');
    await again.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE');
  });

  test("endReasonStyle 'lowercase': agent_ended, user_ended, normal; an explicit reason wins; stored as sent", async () => {
    const cases: Array<[string, (client: SimClient, creds: Credentials) => void, unknown]> = [
      ['goodbye', (client) => client.say('goodbye'), 'agent_ended'],
      ['user end', (client) => client.send({type: 'EVENT_TYPE_USER_END_SESSION', payload: {}}), 'user_ended'],
      ['endSession', (_c, creds) => fixture.sim.simulator.control({command: 'endSession', sessionId: creds.sessionId}), 'normal'],
      ['explicit', (_c, creds) => fixture.sim.simulator.control({command: 'endSession', sessionId: creds.sessionId, reason: 'REASON_X'}), 'REASON_X'],
    ];
    for (const [name, end, reason] of cases) {
      const creds = await sessionWith({endReasonStyle: 'lowercase'});
      const client = await talk(creds, 0);
      end(client, creds);
      await client.waitForType(END);
      assert.deepEqual(client.ofType(END)[0]?.payload, {reason}, name);
      assert.deepEqual(history(creds).at(-1), client.ofType(END)[0], name);
    }
  });

  test("endReasonStyle 'none': SESSION_END without reason; an explicit reason still wins", async () => {
    const creds = await sessionWith({endReasonStyle: 'none'});
    const client = await talk(creds, 0);
    client.say('goodbye');
    await client.waitForType(END);
    assert.deepEqual(client.ofType(END)[0]?.payload, {});
    const other = await sessionWith({endReasonStyle: 'none'});
    const second = await talk(other, 0);
    fixture.sim.simulator.control({command: 'endSession', sessionId: other.sessionId, reason: 'REASON_NATURAL_END'});
    await second.waitForType(END);
    assert.deepEqual(second.ofType(END)[0]?.payload, {reason: 'REASON_NATURAL_END'});
  });
});

describe('server variants: size (Q7)', () => {
  test('huge: one 512 KB word, far above max_message_size_bytes, is sent to the client whole', async () => {
    const creds = await newSession(fixture.sim);
    const client = await talk(creds, 0);
    client.say('something huge please');
    await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    const text = String(client.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE')[1]?.payload?.text);
    assert.equal(text.length, HUGE_WORD_BYTES);
    assert.doesNotMatch(text, /\s/);
    assert.ok(Math.max(...client.raw.map((r) => Buffer.byteLength(r))) > HUGE_WORD_BYTES);
  });

  test('huge while streaming: the word is one chunk; the replay carries it too', async () => {
    const creds = await newSession(fixture.sim, true);
    const client = await talk(creds, 0);
    const greeting = client.ofType(CHUNK).length;
    client.say('huge');
    await client.waitFor((c) => c.ofType(CHUNK).slice(greeting).some((e) => e.payload?.is_complete === true), 'the huge reply');
    assert.equal(reassemble(client.ofType(CHUNK).slice(greeting)).text.length, HUGE_WORD_BYTES);
    const replay = await connect(creds, maxSequence(client.events) - 2);
    assert.ok(replay.events.some((e) => String(e.payload?.text ?? '').length === HUGE_WORD_BYTES));
  });
});

describe('server variants: defaults', () => {
  /** Every new key at its default value, spelled out. */
  const EXPLICIT_DEFAULTS: VariantSettings = {
    noEmptyBatch: false,
    sessionStartOnResume: false,
    sequenceGaps: false,
    chunkIndexBase: 1,
    chunkIndexGap: false,
    repeatChunkNewId: false,
    heartbeatEcho: 'normal',
    echoWithoutMetadata: false,
    closeWithoutEnd: false,
    endReasonStyle: 'enum',
    anonymousEvents: false,
    missingTimestamp: false,
    nullSequenceInBatch: false,
  };

  /** One scripted conversation against a fresh simulator (fixed seed and clock): every raw frame. */
  async function rawRun(variants: VariantSettings | null): Promise<string[]> {
    const sim = await startTestSim({seed: 42, now: () => 1_767_225_600_000});
    try {
      if (variants) sim.simulator.control({command: 'variants', ...variants});
      const creds = await newSession(sim, true);
      const client = await SimClient.connect(socketUrl(sim, creds));
      await client.joinAndWaitForGreeting();
      client.say('hello', {client_event_id: 'c-1'});
      await client.waitFor((c) => c.ofType(CHUNK).filter((e) => e.payload?.is_complete === true).length === 2, 'the reply');
      await barrier(client);
      const resumed = await SimClient.connect(socketUrl(sim, creds, maxSequence(client.events)));
      await barrier(resumed);
      client.say('goodbye');
      await client.waitClosed();
      await resumed.waitClosed();
      return [...client.raw, '--', ...resumed.raw];
    } finally {
      await sim.close();
    }
  }

  test('every new key at its default value gives byte-identical traffic', async () => {
    const plain = await rawRun(null);
    assert.ok(plain.length > 10);
    assert.deepEqual(await rawRun(EXPLICIT_DEFAULTS), plain);
  });

  test('the control parser accepts the new keys and rejects bad values', () => {
    assert.deepEqual(parseCommand({command: 'variants', ...EXPLICIT_DEFAULTS}), {command: 'variants', ...EXPLICIT_DEFAULTS});
    assert.throws(() => parseCommand({command: 'variants', chunkIndexBase: 2}), /"chunkIndexBase"/);
    assert.throws(() => parseCommand({command: 'variants', heartbeatEcho: 'loud'}), /"heartbeatEcho"/);
    assert.throws(() => parseCommand({command: 'variants', endReasonStyle: 'UPPER'}), /"endReasonStyle"/);
    assert.throws(() => parseCommand({command: 'variants', sequenceGaps: 'yes'}), /"sequenceGaps"/);
  });

  test('selectReplay startOnResume: SESSION_START once, first; never on a full replay', () => {
    const types = ['EVENT_TYPE_SESSION_START', 'A', 'B', 'C', 'D'];
    const stored = types.map((type, i) => ({id: `e${i}`, sequence: i + 1, timestamp: 't', type, payload: {}}));
    assert.deepEqual(selectReplay(stored, 3, 0, true).map((e) => e.sequence), [1, 4, 5]);
    assert.deepEqual(selectReplay(stored, 5, 0, true).map((e) => e.sequence), [1]);
    assert.deepEqual(selectReplay(stored, 2, 2, true).map((e) => e.sequence), [1, 2, 3, 4, 5]);
    assert.deepEqual(selectReplay(stored, 0, 0, true).map((e) => e.sequence), [1, 2, 3, 4, 5]);
  });

  test('styleEndReason maps by who ended; explicit reasons and the enum style pass through', () => {
    const natural = {reason: 'REASON_NATURAL_END'};
    assert.equal(styleEndReason(natural, 'enum', 'agent'), natural);
    assert.deepEqual(styleEndReason(natural, 'lowercase', 'agent'), {reason: 'agent_ended'});
    assert.deepEqual(styleEndReason(natural, 'lowercase', 'server'), {reason: 'normal'});
    assert.deepEqual(styleEndReason({reason: 'REASON_USER_END'}, 'lowercase', 'server'), {reason: 'user_ended'});
    assert.deepEqual(styleEndReason({reason: 'REASON_USER_ABANDONED'}, 'lowercase', 'server'), {reason: 'abandoned'});
    assert.deepEqual(styleEndReason(natural, 'none', 'agent'), {});
    assert.equal(styleEndReason(natural, 'none', 'explicit'), natural);
  });
});

describe('server variants: SERVER_VARIANTS presets', () => {
  test('every preset names its §12 question, describes itself and survives the HTTP control route', async () => {
    assert.deepEqual(SERVER_VARIANT_NAMES, Object.keys(SERVER_VARIANTS));
    for (const name of SERVER_VARIANT_NAMES) {
      const preset: ServerVariant = SERVER_VARIANTS[name];
      assert.ok(preset.questions.length > 0 && preset.questions.every((q) => /^(Q\d+|§[\d.]+)$/.test(q)), name);
      assert.ok(preset.description.length > 10, name);
      const creds = await newSession(fixture.sim);
      const client = await connect(creds);
      for (const command of serverVariantCommands(name, creds.sessionId)) {
        assert.deepEqual(parseCommand(JSON.parse(JSON.stringify(command))), command, name);
        const reply = await fetch(`${fixture.sim.url}/__sim/control`, {method: 'POST', body: JSON.stringify(command)});
        assert.equal(reply.status, 200, `${name}: ${await reply.text()}`);
      }
      await client.close();
    }
  });

  test('variant settings of a preset land on the named session only', async () => {
    const a = await newSession(fixture.sim);
    const b = await newSession(fixture.sim);
    serverVariantCommands('noEmptyBatch', a.sessionId).forEach((command) => fixture.sim.simulator.control(command));
    const onA = await fixture.connect(a, 1);
    const onB = await fixture.connect(b, 1);
    await barrier(onA);
    await barrier(onB);
    assert.deepEqual(onA.frames.map((f) => f.type), ['EVENT_TYPE_HEARTBEAT']);
    assert.deepEqual(onB.frames.map((f) => f.type), ['EVENT_TYPE_EVENT_BATCH', 'EVENT_TYPE_HEARTBEAT']);
  });

  test('serverVariantForSeed: the same seed, the same preset; consecutive seeds cover the list', () => {
    assert.equal(serverVariantForSeed(7), serverVariantForSeed(7));
    assert.equal(serverVariantForSeed(-1), SERVER_VARIANT_NAMES.at(-1));
    const seen = new Set(SERVER_VARIANT_NAMES.map((_, i) => serverVariantForSeed(i + 1000)));
    assert.equal(seen.size, SERVER_VARIANT_NAMES.length);
  });
});
