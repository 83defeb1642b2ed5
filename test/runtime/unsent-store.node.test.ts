// What the unsent store reads back: exactly the form it writes, anything else ignored (the storage
// is shared with every script of the page's origin).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseUnsent, storageUnsentStore} from '../../src/runtime/unsent-store.js';

describe('unsent store', () => {
  test('keeps each runtime\'s messages per conversation; a kept message is taken by one runtime only', () => {
    const map = new Map<string, string>();
    const store = storageUnsentStore({
      getItem: (key) => map.get(key) ?? null,
      setItem: (key, value) => void map.set(key, value),
      removeItem: (key) => void map.delete(key),
    });
    const [a, b, c] = [{}, {}, {}];
    const fromA = {clientEventId: 'a', text: 'from a', failed: false, wentOut: false};
    const fromB = {clientEventId: 'b', text: 'from b', failed: true, wentOut: true};
    store.keep('s1', a, [fromA]);
    store.keep('s1', b, [fromB]);
    assert.deepEqual(JSON.parse(map.get('poly-chat:unsent:s1') ?? '[]'), [fromA, fromB], 'neither drops the other\'s');
    assert.deepEqual(store.take('s1', c), [], 'held by live runtimes: not taken');
    store.release(a);
    assert.deepEqual(store.take('s1', c), [fromA], 'a is gone: its message is free to take');
    assert.deepEqual(store.take('s1', {}), [], 'and taken once');
    store.keep('s1', b, []);
    store.keep('s1', c, []);
    assert.equal(map.size, 0, 'all confirmed: the conversation is forgotten');
    assert.deepEqual(store.take('s2', c), []);
  });

  test('ignores what is not its own form', () => {
    assert.deepEqual(parseUnsent(null), []);
    assert.deepEqual(parseUnsent('not json'), []);
    assert.deepEqual(parseUnsent('{"clientEventId": "a", "text": "x"}'), []);
    assert.deepEqual(parseUnsent(JSON.stringify(Array.from({length: 101}, (_, i) => ({clientEventId: `i${i}`, text: 'x'})))), []);
    assert.deepEqual(
      parseUnsent(
        JSON.stringify([
          null,
          'text',
          {clientEventId: 1, text: 'id not a string'},
          {clientEventId: '', text: 'empty id'},
          {clientEventId: 'blank', text: '   '},
          {clientEventId: 'ok', text: 'kept', failed: 'yes'},
          {clientEventId: 'ok', text: 'a second entry with the same id'},
          {clientEventId: 'never', text: 'not sent', wentOut: false},
        ])
      ),
      // Kept without saying whether it went out (an older version): it may have.
      [
        {clientEventId: 'ok', text: 'kept', failed: false, wentOut: true},
        {clientEventId: 'never', text: 'not sent', failed: false, wentOut: false},
      ]
    );
  });
});
