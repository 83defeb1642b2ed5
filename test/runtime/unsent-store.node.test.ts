// What the unsent store reads back: exactly the form it writes, anything else ignored (the storage
// is shared with every script of the page's origin).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseUnsent, storageUnsentStore} from '../../src/runtime/unsent-store.js';

describe('unsent store', () => {
  test('round-trips what it saved, per conversation; an empty list forgets the conversation', () => {
    const map = new Map<string, string>();
    const store = storageUnsentStore({
      getItem: (key) => map.get(key) ?? null,
      setItem: (key, value) => void map.set(key, value),
      removeItem: (key) => void map.delete(key),
    });
    const messages = [
      {clientEventId: 'a', text: 'first', failed: false},
      {clientEventId: 'b', text: 'second', failed: true},
    ];
    store.save('s1', messages);
    assert.deepEqual(store.load('s1'), messages);
    assert.deepEqual(store.load('s2'), []);
    store.save('s1', []);
    assert.equal(map.size, 0);
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
        ])
      ),
      [{clientEventId: 'ok', text: 'kept', failed: false}]
    );
  });
});
