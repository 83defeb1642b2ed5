import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {normalizeUrl, opensInNewTab, safeImageUrl, safeLinkUrl, telUrl} from '../../src/view/safe-url.js';

describe('safeLinkUrl', () => {
  it('accepts http, https, mailto and tel, normalised by the URL parser', () => {
    assert.equal(safeLinkUrl('https://Example.com/a b'), 'https://example.com/a%20b');
    assert.equal(safeLinkUrl('http://example.com'), 'http://example.com/');
    assert.equal(safeLinkUrl('mailto:help@example.com'), 'mailto:help@example.com');
    assert.equal(safeLinkUrl('tel:+441234'), 'tel:+441234');
    assert.equal(safeLinkUrl('  https://example.com/  '), 'https://example.com/');
  });

  for (const hostile of [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u200Bjavascript:alert(1)',
    'javascript&colon;alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://example.com/uuid',
    '//evil.example.com/x',
    '/relative/path',
    'relative',
    'https://',
    '',
  ]) {
    it(`refuses ${JSON.stringify(hostile)}`, () => {
      assert.equal(safeLinkUrl(hostile), null);
    });
  }

  it('refuses non-strings', () => {
    assert.equal(safeLinkUrl(undefined), null);
    assert.equal(safeLinkUrl(42), null);
    assert.equal(safeLinkUrl({href: 'https://x.test'}), null);
  });

  it('strips controls and invisible characters before deciding', () => {
    assert.equal(normalizeUrl(' \u0001https://ex\u200Bample.com\u0000 '), 'https://example.com');
    assert.equal(safeLinkUrl('https://exa\tmple.com'), 'https://example.com/');
  });
});

describe('safeImageUrl', () => {
  it('allows only http and https', () => {
    assert.equal(safeImageUrl('https://cdn.example.com/a.png'), 'https://cdn.example.com/a.png');
    assert.equal(safeImageUrl('data:image/png;base64,AAAA'), null);
    assert.equal(safeImageUrl('javascript:alert(1)'), null);
    assert.equal(safeImageUrl('mailto:a@b.test'), null);
  });
});

describe('telUrl', () => {
  it('builds tel: links from dialable numbers only', () => {
    assert.equal(telUrl('+44 (20) 7946-0000'), 'tel:+442079460000');
    assert.equal(telUrl('javascript:alert(1)'), null);
    assert.equal(telUrl('123#'), null);
    assert.equal(telUrl('--'), null);
  });
});

describe('opensInNewTab', () => {
  it('is true for web links only', () => {
    assert.equal(opensInNewTab('https://x.test/'), true);
    assert.equal(opensInNewTab('mailto:a@b.test'), false);
    assert.equal(opensInNewTab('tel:+1'), false);
  });
});
