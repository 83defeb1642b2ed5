import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  launcherRecordKey,
  parseLauncherRecord,
  readLauncherRecord,
  serializeLauncherRecord,
  writeLauncherRecord,
} from '../../src/element/launcher-record.js';

describe('launcher record', () => {
  it('round-trips the panel state, the unread count and the conversation id, and nothing else', () => {
    const record = {session: 's1', open: true, unread: 3};
    assert.deepEqual(parseLauncherRecord(serializeLauncherRecord({...record, token: 'secret'} as typeof record)), record);
    assert.equal(
      serializeLauncherRecord({
        ...record,
        token: 'secret',
      } as typeof record).includes('secret'),
      false,
    );
    assert.deepEqual(parseLauncherRecord('{"session":null,"open":false,"unread":0}'), {session: null, open: false, unread: 0});
  });

  it('takes anything that is not exactly its form for no record', () => {
    for (const stored of [
      null,
      '',
      'nope',
      '[]',
      'null',
      '{"session":"s","open":"yes","unread":0}',
      '{"session":"","open":true,"unread":0}',
      '{"session":"s","open":true,"unread":-1}',
      '{"session":"s","open":true,"unread":1.5}',
      '{"session":"s","open":true,"unread":100000}',
      '{"session":7,"open":true,"unread":0}',
    ]) {
      assert.equal(parseLauncherRecord(stored), null, String(stored));
    }
  });

  it('keys records by conversation source', () => {
    assert.equal(launcherRecordKey('/api/poly-chat/session'), 'poly-chat:launcher:/api/poly-chat/session');
  });

  it('turns itself off when storage throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    assert.equal(readLauncherRecord(throwing, 'k'), null);
    assert.doesNotThrow(() =>
      writeLauncherRecord(throwing, 'k', {
        session: null,
        open: true,
        unread: 0,
      }),
    );
    assert.equal(readLauncherRecord(null, 'k'), null);
  });
});
