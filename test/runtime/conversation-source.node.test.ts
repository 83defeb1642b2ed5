// Whose conversation a per-tab memory belongs to (the next page's transcript copy, the launcher's
// state): the endpoint as the credentials client resolves it, or the credentials callback.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {conversationSource} from '../../src/runtime/conversation-source.js';

describe('conversationSource', () => {
  it('resolves a relative endpoint against the page: one on /en/ and one on /de/ are two sources', () => {
    const en = conversationSource({endpoint: 'chat/session'}, 'https://shop.example/en/help');
    const de = conversationSource({endpoint: 'chat/session'}, 'https://shop.example/de/hilfe');
    assert.equal(en, 'https://shop.example/en/chat/session');
    assert.equal(de, 'https://shop.example/de/chat/session');
  });

  it('gives one source for one endpoint however it is written', () => {
    const page = 'https://shop.example/en/help';
    const sources = ['/api/chat', ' /api/chat ', 'https://shop.example/api/chat', '../api/chat'].map((endpoint) => conversationSource({endpoint}, page));
    assert.deepEqual(new Set(sources), new Set(['https://shop.example/api/chat']));
  });

  it('names a credentials callback `credentials`, whatever the endpoint', () => {
    assert.equal(conversationSource({credentials: () => Promise.resolve({}), endpoint: '/api/chat'}, 'https://shop.example/'), 'credentials');
  });

  it('has none without an endpoint, or for one that is no URL', () => {
    assert.equal(conversationSource({}, 'https://shop.example/'), null);
    assert.equal(conversationSource({endpoint: ''}, 'https://shop.example/'), null);
    assert.equal(conversationSource({endpoint: null}, 'https://shop.example/'), null);
    assert.equal(conversationSource({endpoint: 'http://[::1'}, 'https://shop.example/'), null);
    assert.equal(conversationSource({endpoint: 'chat'}, undefined), null);
  });
});
