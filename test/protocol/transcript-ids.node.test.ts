// Dedup by event id and reply lookup by message id are exact whatever the ids look like, including
// ids that differ only in the middle (`evt_00000001_<one session uuid>`: same length, same ends),
// the shape that once made a hand-written table's hashes collide (issue 13).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createTranscript} from '../../src/protocol/transcript.js';
import type {TranscriptState} from '../../src/protocol/transcript-types.js';
import {wire} from '../helpers/node/protocol-wire.js';
import {applyRaw, assertValidState, summary, texts} from '../helpers/node/protocol-transcript.js';

const SESSION = '0190a1b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const middle = (kind: string, n: number): string => `${kind}_${String(n).padStart(8, '0')}_${SESSION}`;

function joined(): TranscriptState {
  return applyRaw(createTranscript(), [wire.sessionStart(1), wire.joinEcho(2), wire.agentJoined(3, 'Poly')]);
}

describe('transcript ids that differ only in the middle', () => {
  it('applies each event once and drops every duplicate', () => {
    const events = Array.from({length: 3000}, (_, i) => wire.agentMessage(i + 4, middle('msg', i), `t${i}`, {}, {id: middle('evt', i)}));
    const state = applyRaw(joined(), events);
    assert.equal(texts(state).length, 3000);
    assert.equal(texts(state)[2999], 't2999');
    assertValidState(state);
    assert.equal(applyRaw(state, events), state, 'every id was seen');
    assert.equal(applyRaw(state, [...events].reverse().slice(0, 500)), state);
  });

  it('finds each reply by its message id, however many look alike', () => {
    let state = joined();
    const replies = 200;
    const first = Array.from({length: replies}, (_, i) => wire.chunk(4 + i, middle('msg', i), 0, `a${i} `, false, {}, {id: middle('evt', i)}));
    state = applyRaw(state, first);
    // The second chunks in reverse order: no lookup can ride on "the reply found last".
    const second = Array.from({length: replies}, (_, j) => {
      const i = replies - 1 - j;
      return wire.chunk(4 + replies + j, middle('msg', i), 1, `b${i}`, true, {}, {id: middle('evt', replies + j)});
    });
    state = applyRaw(state, second);
    assert.equal(summary(state).length, replies);
    assert.equal(summary(state)[0], 'agent:a0 b0');
    assert.equal(summary(state)[replies - 1], `agent:a${replies - 1} b${replies - 1}`);
  });
});
