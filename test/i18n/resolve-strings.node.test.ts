import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {formatString} from '../../src/i18n/format-string.js';
import type {CountString} from '../../src/i18n/strings.js';
import {BUILT_IN_LOCALES} from '../../src/i18n/locales.js';
import {localeCandidates, resolveStrings} from '../../src/i18n/resolve-strings.js';

describe('resolveStrings', () => {
  it('falls back along BCP 47 subtags, then to English', () => {
    assert.equal(resolveStrings('fr-CA').locale, 'fr');
    assert.equal(resolveStrings('FR_ca').locale, 'fr');
    assert.equal(resolveStrings('de-AT-x-private').locale, 'de');
    assert.equal(resolveStrings('es-419').locale, 'es');
    assert.equal(resolveStrings('zh-Hant-TW').locale, 'en');
    assert.equal(resolveStrings('').locale, 'en');
    assert.equal(resolveStrings(undefined).locale, 'en');
    assert.equal(resolveStrings('__proto__').locale, 'en');
  });

  it('knows the direction of each locale', () => {
    assert.equal(resolveStrings('ar').dir, 'rtl');
    assert.equal(resolveStrings('ar-EG').dir, 'rtl');
    for (const lang of ['en', 'fr', 'de', 'es']) assert.equal(resolveStrings(lang).dir, 'ltr');
  });

  it('applies host overrides over the chosen locale, ignoring unknown keys and non-strings', () => {
    const resolved = resolveStrings('de', {send: 'Los', nonsense: 'x', restart: 42} as unknown as Record<string, string>);
    assert.equal(resolved.strings.send, 'Los');
    assert.equal(resolved.strings.restart, 'Neues Gespräch beginnen');
    assert.equal((resolved.strings as unknown as Record<string, unknown>)['nonsense'], undefined);
  });

  it('returns the same table when there are no overrides (cheap to call per render)', () => {
    assert.equal(resolveStrings('fr').strings, resolveStrings('fr-BE').strings);
  });

  it('every built-in locale translates every key, with the same placeholders as English', () => {
    const english = BUILT_IN_LOCALES['en']?.strings as unknown as Record<string, CountString>;
    const placeholders = (text: string): string[] => (text.match(/\{[a-z]+\}/gi) ?? []).sort();
    // A string with plural forms: its `other` form has English's placeholders; a form for a single
    // number (Arabic's one, two) may say the number in words instead.
    const mainForm = (value: CountString | undefined): string => (typeof value === 'string' ? value : (value?.other ?? ''));
    for (const [tag, locale] of Object.entries(BUILT_IN_LOCALES)) {
      const strings = locale.strings as unknown as Record<string, CountString>;
      assert.deepEqual(Object.keys(strings).sort(), Object.keys(english).sort(), tag);
      for (const [key, value] of Object.entries(strings)) {
        const forms = typeof value === 'string' ? [value] : Object.values(value);
        for (const form of forms) {
          assert.ok(form.trim() !== '', `${tag}.${key} is empty`);
          for (const name of placeholders(form)) assert.ok(placeholders(mainForm(english[key])).includes(name), `${tag}.${key}: unknown ${name}`);
        }
        assert.deepEqual(placeholders(mainForm(value)), placeholders(mainForm(english[key])), `${tag}.${key} placeholders`);
      }
    }
  });
});

describe('localeCandidates', () => {
  it('lists tags from most to least specific', () => {
    assert.deepEqual(localeCandidates('zh-Hant-TW'), ['zh-hant-tw', 'zh-hant', 'zh']);
    assert.deepEqual(localeCandidates('  '), []);
  });
});

describe('formatString', () => {
  it('interpolates {name} placeholders and leaves unknown ones visible', () => {
    assert.equal(formatString('{name} is typing… ({name})', {name: 'Ava'}), 'Ava is typing… (Ava)');
    assert.equal(formatString('Position {position}', {position: 3}), 'Position 3');
    assert.equal(formatString('Hello {who}', {}), 'Hello {who}');
    assert.equal(formatString('{toString}', {}), '{toString}');
  });

  it('does not interpret replacement patterns in values', () => {
    assert.equal(formatString('{name}', {name: "$& $' $1"}), "$& $' $1");
  });
});
