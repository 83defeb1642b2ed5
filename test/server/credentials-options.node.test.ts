import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {MemoryConversationStore, createCredentialsHandler, credentialsOptionsFromEnv} from '../../server/credentials/index.js';
import type {StoredConversation} from '../../server/credentials/index.js';

const SECRET = 'CONNECTOR-SECRET-123';
const FULL = {POLYAI_BASE_URL: 'https://messaging.poly.ai', POLYAI_CONNECTOR_TOKEN: SECRET, POLYAI_HOST: 'www.example.com'};

/** Asserts `fn` throws an Error whose message matches and contains no variable value. */
function assertThrowsWithout(fn: () => unknown, message: RegExp, values: string[]): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.match(error.message, message);
    for (const value of values) assert.ok(!error.message.includes(value), `"${value}" leaked in: ${error.message}`);
    return true;
  });
}

describe('credentialsOptionsFromEnv', () => {
  test('none of the three set → null (the dev server falls back to its simulator)', () => {
    assert.equal(credentialsOptionsFromEnv({}), null);
    assert.equal(credentialsOptionsFromEnv({POLY_CHAT_COOKIE_NAME: 'x', PATH: '/bin'}), null);
    assert.equal(credentialsOptionsFromEnv({POLYAI_BASE_URL: '', POLYAI_CONNECTOR_TOKEN: '  ', POLYAI_HOST: ''}), null, 'empty counts as unset');
  });

  test('all three set → options', () => {
    assert.deepEqual(credentialsOptionsFromEnv({...FULL}), {baseUrl: FULL.POLYAI_BASE_URL, connectorToken: SECRET, host: 'www.example.com'});
  });

  test('defaults to process.env', () => {
    const saved = {...process.env};
    try {
      for (const name of Object.keys(FULL)) delete process.env[name];
      assert.equal(credentialsOptionsFromEnv(), null);
      Object.assign(process.env, FULL);
      assert.equal(credentialsOptionsFromEnv()?.connectorToken, SECRET);
    } finally {
      for (const name of Object.keys(FULL)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  test('partial → throws naming every missing variable, never a value', () => {
    assertThrowsWithout(() => credentialsOptionsFromEnv({POLYAI_CONNECTOR_TOKEN: SECRET}), /missing environment variables POLYAI_BASE_URL, POLYAI_HOST\b/, [SECRET]);
    assertThrowsWithout(
      () => credentialsOptionsFromEnv({POLYAI_BASE_URL: FULL.POLYAI_BASE_URL, POLYAI_CONNECTOR_TOKEN: SECRET}),
      /missing environment variable POLYAI_HOST\b/,
      [SECRET, FULL.POLYAI_BASE_URL],
    );
    assertThrowsWithout(
      () => credentialsOptionsFromEnv({POLYAI_BASE_URL: FULL.POLYAI_BASE_URL, POLYAI_HOST: 'www.example.com'}),
      /missing environment variable POLYAI_CONNECTOR_TOKEN\b/,
      [FULL.POLYAI_BASE_URL, 'www.example.com'],
    );
  });

  test('POLY_CHAT_CREATE_SESSION and POLY_CHAT_COOKIE_NAME are read', () => {
    const options = credentialsOptionsFromEnv({...FULL, POLY_CHAT_CREATE_SESSION: 'false', POLY_CHAT_COOKIE_NAME: 'chat_sid'});
    assert.equal(options?.createSession, false);
    assert.equal(options?.cookieName, 'chat_sid');
    assert.equal(credentialsOptionsFromEnv({...FULL, POLY_CHAT_CREATE_SESSION: 'TRUE'})?.createSession, true);
  });

  test('POLY_CHAT_TRUST_PROXY and POLY_CHAT_ALLOWED_ORIGINS are read', () => {
    const options = credentialsOptionsFromEnv({...FULL, POLY_CHAT_TRUST_PROXY: 'yes', POLY_CHAT_ALLOWED_ORIGINS: ' https://a.example , http://localhost:5173,'});
    assert.equal(options?.trustProxy, true);
    assert.deepEqual(options?.allowedOrigins, ['https://a.example', 'http://localhost:5173']);
    assertThrowsWithout(() => credentialsOptionsFromEnv({...FULL, POLY_CHAT_ALLOWED_ORIGINS: 'a.example'}), /POLY_CHAT_ALLOWED_ORIGINS/, ['a.example', SECRET]);
  });

  test('POLY_CHAT_SECRET is a comma-separated list of keys of 32+ characters, never echoed', () => {
    const keys = ['n'.repeat(32), 'o'.repeat(40)];
    assert.deepEqual(credentialsOptionsFromEnv({...FULL, POLY_CHAT_SECRET: ` ${keys[0]}, ${keys[1]} `})?.secret, keys);
    assertThrowsWithout(() => credentialsOptionsFromEnv({...FULL, POLY_CHAT_SECRET: `${keys[0]},too-short-key`}), /POLY_CHAT_SECRET key must be at least 32/, ['too-short-key', keys[0]!, SECRET]);
  });

  test('the limits are read from POLY_CHAT_MINTS_PER_MINUTE, POLY_CHAT_MAX_CONCURRENT_MINTS, POLY_CHAT_NEW_SESSION_COOLDOWN_MS', () => {
    assert.equal(credentialsOptionsFromEnv({...FULL})?.limits, undefined);
    const options = credentialsOptionsFromEnv({...FULL, POLY_CHAT_MINTS_PER_MINUTE: '30', POLY_CHAT_MAX_CONCURRENT_MINTS: '0', POLY_CHAT_NEW_SESSION_COOLDOWN_MS: '2000'});
    assert.deepEqual(options?.limits, {mintsPerMinute: 30, maxConcurrentMints: 0, newSessionCooldownMs: 2000});
    assertThrowsWithout(() => credentialsOptionsFromEnv({...FULL, POLY_CHAT_MINTS_PER_MINUTE: '-1'}), /POLY_CHAT_MINTS_PER_MINUTE must be a whole number/, [SECRET]);
  });

  test('POLY_CHAT_REDIS_URL is read; anything but redis:// or rediss:// throws without echoing it', () => {
    assert.equal(credentialsOptionsFromEnv({...FULL, POLY_CHAT_REDIS_URL: 'rediss://:pw@cache:6380/0'})?.redisUrl, 'rediss://:pw@cache:6380/0');
    assertThrowsWithout(() => credentialsOptionsFromEnv({...FULL, POLY_CHAT_REDIS_URL: 'http://:pw@cache'}), /POLY_CHAT_REDIS_URL must be a redis:\/\//, [':pw@', SECRET]);
  });

  test('invalid values throw naming the variable, not the value', () => {
    assertThrowsWithout(() => credentialsOptionsFromEnv({...FULL, POLY_CHAT_CREATE_SESSION: 'perhaps'}), /POLY_CHAT_CREATE_SESSION must be true or false/, ['perhaps', SECRET]);
    assertThrowsWithout(() => credentialsOptionsFromEnv({...FULL, POLY_CHAT_COOKIE_NAME: 'bad name;'}), /POLY_CHAT_COOKIE_NAME/, ['bad name', SECRET]);
    assertThrowsWithout(
      () => credentialsOptionsFromEnv({...FULL, POLYAI_BASE_URL: 'http://messaging.example.com'}),
      /POLYAI_BASE_URL must be an https:\/\/ URL/,
      ['messaging.example.com', SECRET],
    );
  });
});

describe('createCredentialsHandler option checks', () => {
  const base = {baseUrl: 'https://messaging.poly.ai', connectorToken: SECRET, host: 'www.example.com'};

  test('plain http is refused for non-loopback hosts (the connector token would travel in clear)', () => {
    assertThrowsWithout(() => createCredentialsHandler({...base, baseUrl: 'http://messaging.poly.ai'}), /baseUrl must be an https:\/\/ URL/, [SECRET]);
    assertThrowsWithout(() => createCredentialsHandler({...base, publicBaseUrl: 'http://10.0.0.1:8080'}), /publicBaseUrl/, [SECRET]);
    assertThrowsWithout(() => createCredentialsHandler({...base, baseUrl: 'https://user:pw@messaging.poly.ai'}), /baseUrl/, [SECRET, 'pw']);
    for (const loopback of ['http://localhost:8080', 'http://127.0.0.1:1234', 'http://[::1]:9000']) {
      assert.equal(typeof createCredentialsHandler({...base, baseUrl: loopback}), 'function', loopback);
    }
  });

  test('missing token or host, or a bad cookie name, throw without echoing the token', () => {
    assertThrowsWithout(() => createCredentialsHandler({...base, connectorToken: ''}), /connectorToken is required/, []);
    assertThrowsWithout(() => createCredentialsHandler({...base, host: ' '}), /host is required/, [SECRET]);
    assertThrowsWithout(() => createCredentialsHandler({...base, cookieName: 'a b'}), /cookieName/, [SECRET]);
    assertThrowsWithout(() => createCredentialsHandler({...base, timeoutMs: -1}), /timeoutMs/, [SECRET]);
    assertThrowsWithout(() => createCredentialsHandler({...base, allowedOrigins: ['www.example.com']}), /allowedOrigins/, [SECRET]);
  });
});

describe('MemoryConversationStore', () => {
  const conversation = (sessionId: string): StoredConversation => ({
    sessionId,
    accessToken: `tok-${sessionId}`,
    expiresAt: 0,
    streaming: false,
    baseUrl: 'https://messaging.poly.ai',
  });

  test('an entry lives exactly ttlMs', () => {
    let now = 1000;
    const store = new MemoryConversationStore({now: () => now});
    store.set('a', conversation('a'), 500);
    now = 1499;
    assert.equal(store.get('a')?.sessionId, 'a');
    now = 1500;
    assert.equal(store.get('a'), undefined);
    assert.equal(store.size, 0, 'an expired entry is removed when read');
  });

  test('writing sweeps expired entries without timers, and a zero TTL stores nothing', () => {
    let now = 0;
    const store = new MemoryConversationStore({now: () => now});
    store.set('old-1', conversation('1'), 100);
    store.set('old-2', conversation('2'), 100);
    now = 200;
    store.set('new', conversation('3'), 100);
    assert.equal(store.size, 1);
    store.set('none', conversation('4'), 0);
    assert.equal(store.get('none'), undefined);
  });

  test('maxEntries drops the least recently written first; rewriting an entry keeps it', () => {
    const store = new MemoryConversationStore({now: () => 0, maxEntries: 2});
    store.set('a', conversation('a'), 1000);
    store.set('b', conversation('b'), 1000);
    store.set('a', conversation('a'), 1000);
    store.set('c', conversation('c'), 1000);
    assert.equal(store.get('b'), undefined);
    assert.equal(store.get('a')?.sessionId, 'a');
    assert.equal(store.get('c')?.sessionId, 'c');
    store.delete('a');
    assert.equal(store.get('a'), undefined);
  });

  test('maxEntries evicts the least recently used: a conversation still being read outlives newer idle ones', () => {
    const store = new MemoryConversationStore({now: () => 0, maxEntries: 3});
    store.set('a', conversation('a'), 1000);
    store.set('b', conversation('b'), 1000);
    store.set('c', conversation('c'), 1000);
    assert.equal(store.get('a')?.sessionId, 'a');
    store.set('d', conversation('d'), 1000);
    assert.equal(store.size, 3);
    assert.equal(store.get('b'), undefined, 'b was the least recently used');
    assert.deepEqual(['a', 'c', 'd'].map((key) => store.get(key)?.sessionId), ['a', 'c', 'd']);
  });
});
