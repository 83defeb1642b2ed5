// Pure building blocks of the simulator: cursor parsing, host matching, chunking, ids, frame
// classification, keyword matching, replay cutting, command validation.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {classifyClientFrame} from '../../server/simulator/client-frame.js';
import {splitIntoChunks} from '../../server/simulator/chunking.js';
import {parseCommand} from '../../server/simulator/command-parser.js';
import {parseCursor} from '../../server/simulator/cursor.js';
import {hostMatches} from '../../server/simulator/host-match.js';
import {uuidV4, uuidV7} from '../../server/simulator/ids.js';
import {KEYWORDS} from '../../server/simulator/index.js';
import {matchKeyword} from '../../server/simulator/keywords.js';
import {createPrng} from '../../server/simulator/prng.js';
import {perturb, selectReplay, splitBatches} from '../../server/simulator/replay.js';
import type {WireEvent} from '../../server/simulator/types.js';
import {oneofKey, renderEvent} from '../../server/simulator/wire-variants.js';

describe('simulator units', () => {
  test('cursor: integer, legacy seq:<n>, anything else is 0', () => {
    assert.equal(parseCursor('12'), 12);
    assert.equal(parseCursor('seq:12'), 12);
    assert.equal(parseCursor('0'), 0);
    for (const bad of [null, '', 'abc', '-1', '1.5', 'seq:', 'seq:-3', ' 4', '12abc', '99999999999999999999']) {
      assert.equal(parseCursor(bad), 0, String(bad));
    }
  });

  test('X-Host: exact, subdomains, scheme/port tolerated, look-alikes refused', () => {
    assert.ok(hostMatches('localhost', 'localhost'));
    assert.ok(hostMatches('localhost', 'http://localhost:5173'));
    assert.ok(hostMatches('yourcompany.com', 'app.yourcompany.com'));
    assert.ok(hostMatches('yourcompany.com', 'https://www.YourCompany.com/'));
    assert.ok(hostMatches('https://www.example.com', 'www.example.com'));
    assert.ok(!hostMatches('yourcompany.com', 'evilyourcompany.com'));
    assert.ok(!hostMatches('yourcompany.com', 'yourcompany.com.evil.net'));
    assert.ok(!hostMatches('app.yourcompany.com', 'yourcompany.com'));
    assert.ok(!hostMatches('', 'localhost'));
  });

  test('chunks concatenate to the exact text, spaces and newlines included', () => {
    const text = 'Hello  there,\nthis is a *reply* with `code`.\n\n- a\n- b ';
    const chunks = splitIntoChunks(text);
    assert.ok(chunks.length >= 3);
    assert.equal(chunks.join(''), text);
    assert.deepEqual(splitIntoChunks(''), []);
    assert.deepEqual(splitIntoChunks('   '), ['   ']);
  });

  test('ids are UUID-shaped (v7 with the time in front, v4) and seeded', () => {
    const a = createPrng(7);
    const b = createPrng(7);
    const id = uuidV7(a, 0x0190a1b2c3d4);
    assert.match(id, /^0190a1b2-c3d4-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(uuidV7(b, 0x0190a1b2c3d4), id);
    assert.match(uuidV4(a), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(uuidV4(createPrng(1)), uuidV4(createPrng(2)));
  });

  test('client frames: the five types pass, the rest earn the §8.3 strings with metadata', () => {
    const max = 100;
    const frame = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
    const ok = classifyClientFrame(frame({type: 'EVENT_TYPE_USER_MESSAGE', payload: {text: 'hi'}, metadata: {custom: {k: 'v'}}}), false, max);
    assert.equal(ok.kind, 'event');
    assert.deepEqual(ok.kind === 'event' && ok.event.metadata, {custom: {k: 'v'}});
    const cases: Array<[unknown, string]> = [
      ['{not json', 'Unknown event type or invalid message format'],
      [{type: 'EVENT_TYPE_NOPE', payload: {}}, 'Unknown event type or invalid message format'],
      [{payload: {}}, 'Unknown event type or invalid message format'],
      [{type: 'EVENT_TYPE_USER_MESSAGE', payload: {}}, 'Unknown event type or invalid message format'],
      [{type: 'EVENT_TYPE_USER_MESSAGE', payload: 'hi'}, 'Unknown event type or invalid message format'],
      [{type: 'EVENT_TYPE_USER_TYPING', payload: {state: 'ON'}}, 'Unknown event type or invalid message format'],
      [{type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload: {}}, 'Event type not allowed: EVENT_TYPE_POLY_AGENT_MESSAGE'],
      [{type: 'EVENT_TYPE_CSAT_RESPONSE', payload: {}}, 'Event type not allowed: EVENT_TYPE_CSAT_RESPONSE'],
      [{type: 'EVENT_TYPE_HEARTBEAT', payload: {}, pad: 'x'.repeat(200)}, 'Message too large'],
    ];
    for (const [input, message] of cases) {
      const result = classifyClientFrame(frame(input), false, max);
      assert.equal(result.kind, 'error', JSON.stringify(input));
      assert.equal(result.kind === 'error' && result.message, message);
    }
    const withMeta = classifyClientFrame(frame({type: 'EVENT_TYPE_X', metadata: {custom: {id: '1'}}}), false, max);
    assert.deepEqual(withMeta.kind === 'error' && withMeta.metadata, {custom: {id: '1'}});
    assert.equal(classifyClientFrame(Buffer.from([1, 2]), true, max).kind, 'error');
    const noPayload = classifyClientFrame(frame({type: 'EVENT_TYPE_HEARTBEAT'}), false, max);
    assert.equal(noPayload.kind, 'event');
  });

  test('keywords: case-insensitive substrings, first match wins, every entry described', () => {
    assert.equal(matchKeyword('HELP me'), 'help');
    assert.equal(matchKeyword('show markdown and a link'), 'markdown');
    assert.equal(matchKeyword('please error conversation id now'), 'error conversation id');
    assert.equal(matchKeyword('error conversation'), 'error conversation');
    assert.equal(matchKeyword('transfer me to an agent'), 'transfer');
    assert.equal(matchKeyword('Parlez-vous FRANÇAIS ?'), 'français');
    assert.equal(matchKeyword('nothing special'), null);
    for (const entry of KEYWORDS) {
      assert.ok(entry.description.length > 5, entry.keyword);
      assert.equal(matchKeyword(entry.keyword), entry.keyword, `"${entry.keyword}" is shadowed by an earlier keyword`);
    }
  });

  test('replay selection, batching and perturbation', () => {
    const history = [1, 2, 3, 4, 5].map((sequence) => ({sequence}) as WireEvent);
    assert.deepEqual(selectReplay(history, 3, 0).map((e) => e.sequence), [4, 5]);
    assert.deepEqual(selectReplay(history, 3, 2).map((e) => e.sequence), [2, 3, 4, 5]);
    assert.deepEqual(selectReplay(history, 0, 2).map((e) => e.sequence), [1, 2, 3, 4, 5]);
    assert.deepEqual(selectReplay(history, 9, 0), []);
    assert.deepEqual(splitBatches([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(splitBatches([1, 2], undefined), [[1, 2]]);
    assert.deepEqual(splitBatches([], 2), [[]]);
    assert.deepEqual(perturb([1, 2, 3], 1, 0, () => 0), [1, 1, 2, 2, 3, 3]);
    assert.deepEqual(perturb([1, 2, 3, 4], 0, 1, () => 0), [2, 1, 4, 3]);
    assert.deepEqual(perturb([1, 2, 3], 0, 0, () => 0), [1, 2, 3]);
  });

  test('wire variants render copies and leave the event untouched', () => {
    const event: WireEvent = {
      id: 'e1',
      sequence: 4,
      timestamp: 't',
      type: 'EVENT_TYPE_LIVE_AGENT_JOINED',
      payload: {agent: {id: 'a', name: 'Priya', avatar_url: 'u'}},
    };
    const before = structuredClone(event);
    assert.deepEqual(renderEvent(event, {flatLiveAgent: true}, false).payload, {agent_id: 'a', agent_name: 'Priya', avatar_url: 'u'});
    const nested = renderEvent(event, {oneof: true}, true);
    assert.equal(nested.payload, undefined);
    assert.deepEqual(nested[oneofKey(event.type)], event.payload);
    assert.equal(oneofKey('EVENT_TYPE_POLY_AGENT_MESSAGE'), 'poly_agent_message');
    assert.deepEqual(event, before);
  });

  test('control commands are validated', () => {
    assert.deepEqual(parseCommand({command: 'drop', afterEvents: 3}), {command: 'drop', afterEvents: 3});
    assert.deepEqual(parseCommand({command: 'faults', sessionId: 's', duplicateRate: 0.5}), {command: 'faults', sessionId: 's', duplicateRate: 0.5});
    assert.throws(() => parseCommand({command: 'explode'}), /unknown command/);
    assert.throws(() => parseCommand({command: 'close'}), /"code" must be a number/);
    assert.throws(() => parseCommand({command: 'refuseHandshakes', count: 1, status: 418}), /"status"/);
    assert.throws(() => parseCommand({command: 'say', role: 'bot', text: 'x'}), /"role"/);
    assert.throws(() => parseCommand({command: 'garbage', kinds: ['nope']}), /kinds/);
    assert.throws(() => parseCommand([]), /expected/);
  });
});
