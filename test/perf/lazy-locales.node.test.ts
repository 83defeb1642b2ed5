// Languages other than English are separate modules, loaded on first use (i18n/locale-registry.ts).
// This file imports no locale eagerly (node --test runs each file in its own process).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {canLoadLocale, loadLocale} from '../../src/i18n/locale-registry.js';
import {missingLocale, resolveStrings} from '../../src/i18n/resolve-strings.js';

describe('lazy locales', () => {
  it('English is there at once; French is English until loaded, then French', async () => {
    assert.equal(resolveStrings('en').strings.send, 'Send');
    assert.equal(missingLocale('en-GB'), null);
    assert.equal(missingLocale('fr-CA'), 'fr');
    assert.equal(resolveStrings('fr-CA').locale, 'en');
    assert.equal(await loadLocale('fr'), true);
    assert.equal(missingLocale('fr-CA'), null);
    assert.equal(resolveStrings('fr-CA').locale, 'fr');
    assert.equal(resolveStrings('fr-CA').strings.send, 'Envoyer');
    assert.equal(canLoadLocale('fr'), false);
  });

  it('unknown languages load nothing and stay English', async () => {
    assert.equal(missingLocale('tlh'), null);
    assert.equal(await loadLocale('tlh'), false);
    assert.equal(resolveStrings('tlh').locale, 'en');
  });
});
