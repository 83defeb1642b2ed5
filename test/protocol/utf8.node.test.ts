import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {utf8ByteLength} from '../../src/protocol/utf8.js';

describe('utf8ByteLength', () => {
  it('matches TextEncoder for ASCII, 2-, 3- and 4-byte characters and lone surrogates', () => {
    for (const sample of ['', 'abc', 'é', 'ü€', '日本語', '😀', 'a😀b', '\uD800', 'x\uDC00y', '\uD83D\uD83D']) {
      assert.equal(utf8ByteLength(sample), new TextEncoder().encode(sample).length, JSON.stringify(sample));
    }
  });
});
