// How a socket frame is decoded (whole, or a long batch in slices) and where a long batch's newest
// slice starts.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {newestSliceStart, planFrame, stateElements} from '../../src/runtime/frame-plan.js';

const message = (i: number): object => ({id: `e${i}`, sequence: i + 1, type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload: {message_id: `m${i}`, text: `text ${i}`}});
const chunk = (i: number): object => ({id: `c${i}`, sequence: i + 1, type: 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK', payload: {message_id: 'r', text: 'x', chunk_index: i}});
const batch = (events: object[]): string => JSON.stringify({id: 'b', sequence: null, type: 'EVENT_TYPE_EVENT_BATCH', payload: {events}});

describe('planFrame', () => {
  test('a batch of more events than the threshold is left to be decoded in slices', () => {
    const plan = planFrame(batch(Array.from({length: 201}, (_, i) => message(i))), 200);
    assert.equal(plan.sliced, true);
    assert.equal(plan.sliced && plan.elements.length, 201);
  });

  test('a batch at the threshold, a single event and a malformed frame are decoded whole', () => {
    const atThreshold = planFrame(batch(Array.from({length: 200}, (_, i) => message(i))), 200);
    assert.equal(atThreshold.sliced, false);
    assert.equal(!atThreshold.sliced && atThreshold.decoded.ok && atThreshold.decoded.events.length, 200);
    const single = planFrame(JSON.stringify(message(1)), 200);
    assert.equal(!single.sliced && single.decoded.ok && single.decoded.events.length, 1);
    const broken = planFrame(`{"type": "EVENT_TYPE_EVENT_BATCH", ${'"x": 1, '.repeat(2000)}`, 10);
    assert.equal(broken.sliced, false);
    assert.equal(!broken.sliced && broken.decoded.ok, false);
  });
});

describe('newestSliceStart', () => {
  test('the last `size` elements', () => {
    const elements = Array.from({length: 1000}, (_, i) => message(i));
    assert.equal(newestSliceStart(elements, 100, 500), 900);
    assert.equal(newestSliceStart(elements.slice(0, 60), 100, 500), 0);
  });

  test('moved back to the start of a run of chunks, at most to `maxSize` elements', () => {
    const elements = [...Array.from({length: 300}, (_, i) => message(i)), ...Array.from({length: 150}, (_, i) => chunk(300 + i))];
    assert.equal(newestSliceStart(elements, 100, 500), 300);
    assert.equal(newestSliceStart(elements, 100, 120), elements.length - 120);
    // Chunks right after the start but not at it: nothing to move.
    const ending = [...Array.from({length: 300}, (_, i) => message(i)), ...Array.from({length: 50}, (_, i) => chunk(300 + i))];
    assert.equal(newestSliceStart(ending, 100, 500), 250);
  });

  test('a transient event among the older elements: no newest slice, the batch goes in order', () => {
    const elements = Array.from({length: 1000}, (_, i) => message(i));
    elements[10] = {...message(10), sequence: null};
    assert.equal(newestSliceStart(elements, 100, 500), 1000);
    const inNewest = Array.from({length: 1000}, (_, i) => message(i));
    inNewest[950] = {...message(950), sequence: null};
    assert.equal(newestSliceStart(inNewest, 100, 500), 900, 'among the newest it is placed after everything older anyway');
  });
});

describe('stateElements', () => {
  test('the elements before the end that are not plain messages, in order', () => {
    const start = {id: 's', sequence: 1, type: 'EVENT_TYPE_SESSION_START', payload: {}};
    const joined = {id: 'j', sequence: 3, type: 'EVENT_TYPE_POLY_AGENT_JOINED', payload: {agent_name: 'Ava'}};
    const user = {id: 'u', sequence: 4, type: 'EVENT_TYPE_USER_MESSAGE', payload: {text: 'hi'}};
    const handoff = {id: 'h', sequence: 6, type: 'EVENT_TYPE_HANDOFF_STARTED', payload: {}};
    const elements = [start, message(1), joined, user, chunk(5), handoff, 'garbage', message(8)];
    assert.deepEqual(stateElements(elements, 7), [start, joined, handoff, 'garbage']);
    assert.deepEqual(stateElements(elements, 2), [start]);
  });
});
