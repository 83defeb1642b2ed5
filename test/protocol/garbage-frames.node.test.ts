// The decoder against frames that are garbage by construction (test/helpers/node/garbage-frames.ts
// says why each is): every one decodes to no event, and is a problem or an ignored type.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {decodeFrame} from '../../src/protocol/decode-frame.js';
import {garbageFrames} from '../helpers/node/garbage-frames.js';
import {generateLog} from '../helpers/node/protocol-log.js';
import {createRng} from '../helpers/node/protocol-prng.js';

describe('decodeFrame: garbage by construction', () => {
  it('drops every one of 5,000 garbage frames whole, whatever the reason', () => {
    const rng = createRng(20260521);
    const pool = generateLog(rng, {tag: 'garbage', handoff: true, end: true}).events;
    const reasons = new Set<string>();
    for (const {frame, reason} of garbageFrames(rng, pool, 5_000)) {
      reasons.add(reason);
      const decoded = decodeFrame(frame);
      assert.ok(!decoded.ok || decoded.events.length === 0, `${reason}: ${frame.slice(0, 200)} gave events`);
    }
    assert.equal(reasons.size, 8, 'every kind drawn');
  });
});
