// Counts in every shipped language (issue 18 item 10): each string with a count has a form for every
// plural category Intl.PluralRules gives its language (Arabic: zero, one, two, few, many, other), and
// the form shown is the one for the count. Positions in the queue take ordinal forms (1st, 2nd, 3rd).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {formatCount, isCountStringKey, pluralForm} from '../../src/i18n/format-count.js';
import type {CountStringKey} from '../../src/i18n/format-count.js';
import {BUILT_IN_LOCALES} from '../../src/i18n/locales.js';
import {resolveStrings} from '../../src/i18n/resolve-strings.js';
import type {PolyChatStrings} from '../../src/i18n/strings.js';

const COUNT_KEYS: readonly CountStringKey[] = ['unreadCount', 'showEarlier', 'handoffPosition', 'handoffWaitMinutes'];
const ORDINAL_KEYS: ReadonlySet<string> = new Set(['handoffPosition']);

describe('plural forms of the built-in locales', () => {
  for (const [tag, locale] of Object.entries(BUILT_IN_LOCALES)) {
    for (const key of COUNT_KEYS) {
      const type = ORDINAL_KEYS.has(key) ? 'ordinal' : 'cardinal';
      it(`${tag}.${key} has a form for each ${type} category of ${tag}`, () => {
        const value = locale.strings[key];
        assert.equal(typeof value, 'object', 'plural forms, not one string');
        const categories = new Intl.PluralRules(tag, {type}).resolvedOptions().pluralCategories;
        assert.deepEqual(Object.keys(value).sort(), [...categories].sort());
      });
    }
  }

  it('Arabic uses all six cardinal forms', () => {
    const {strings} = resolveStrings('ar');
    const forms = [0, 1, 2, 3, 11, 100].map((count) => formatCount(strings, 'unreadCount', count));
    assert.deepEqual(forms, [
      'لا توجد رسائل غير مقروءة',
      'رسالة واحدة غير مقروءة',
      'رسالتان غير مقروءتين',
      '3 رسائل غير مقروءة',
      '11 رسالة غير مقروءة',
      '100 رسالة غير مقروءة',
    ]);
  });

  it('English says one and other, and ordinals for the queue position', () => {
    const {strings} = resolveStrings('en-GB');
    assert.equal(formatCount(strings, 'unreadCount', 1), '1 unread message');
    assert.equal(formatCount(strings, 'unreadCount', 2), '2 unread messages');
    assert.equal(formatCount(strings, 'showEarlier', 1), 'Show 1 earlier message');
    assert.equal(formatCount(strings, 'handoffWaitMinutes', 5), 'Estimated wait: about 5 minutes.');
    const positions = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23].map((position) => formatCount(strings, 'handoffPosition', position).split(' ')[2]);
    assert.deepEqual(positions, ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd']);
  });

  it('French counts 0 and 1 as one, and a million as many', () => {
    const {strings} = resolveStrings('fr-CA');
    assert.equal(formatCount(strings, 'unreadCount', 0), '0 message non lu');
    assert.equal(formatCount(strings, 'unreadCount', 1), '1 message non lu');
    assert.equal(formatCount(strings, 'unreadCount', 2), '2 messages non lus');
    assert.equal(formatCount(strings, 'unreadCount', 1_000_000), '1000000 de messages non lus');
    assert.equal(formatCount(strings, 'handoffPosition', 1), 'Vous êtes en 1re position dans la file d’attente.');
    assert.equal(formatCount(strings, 'handoffPosition', 2), 'Vous êtes en 2e position dans la file d’attente.');
  });

  it('German and Spanish pick one and other', () => {
    assert.equal(formatCount(resolveStrings('de').strings, 'handoffWaitMinutes', 1), 'Geschätzte Wartezeit: etwa 1 Minute.');
    assert.equal(formatCount(resolveStrings('de').strings, 'handoffWaitMinutes', 3), 'Geschätzte Wartezeit: etwa 3 Minuten.');
    assert.equal(formatCount(resolveStrings('es').strings, 'showEarlier', 1), 'Mostrar 1 mensaje anterior');
    assert.equal(formatCount(resolveStrings('es').strings, 'showEarlier', 30), 'Mostrar 30 mensajes anteriores');
  });
});

describe('host overrides of strings with a count', () => {
  it('a plain string is used for every count', () => {
    const {strings} = resolveStrings('ar', {unreadCount: 'new: {count}'});
    assert.equal(formatCount(strings, 'unreadCount', 1), 'new: 1');
    assert.equal(formatCount(strings, 'unreadCount', 3), 'new: 3');
  });

  it('forms follow the rules of the language the strings are in; a missing form falls back to other', () => {
    const {strings} = resolveStrings('ar', {unreadCount: {two: 'two: {count}', other: 'many: {count}'}});
    assert.equal(formatCount(strings, 'unreadCount', 2), 'two: 2');
    assert.equal(formatCount(strings, 'unreadCount', 5), 'many: 5');
  });

  it('forms are taken only for keys with a count, and only when they are strings with other', () => {
    const overrides = {send: {other: 'x'}, unreadCount: {one: 'no other'}, showEarlier: {other: 7}} as unknown as Partial<PolyChatStrings>;
    const {strings} = resolveStrings('en', overrides);
    assert.equal(strings.send, 'Send');
    assert.deepEqual(strings.unreadCount, BUILT_IN_LOCALES['en']?.strings.unreadCount);
    assert.deepEqual(strings.showEarlier, BUILT_IN_LOCALES['en']?.strings.showEarlier);
    assert.equal(isCountStringKey('send'), false);
  });

  it('a table nobody resolved is read with English rules', () => {
    assert.equal(pluralForm({one: 'one', other: 'other'}, 'en', 1), 'one');
    const table = {...(BUILT_IN_LOCALES['en']?.strings as PolyChatStrings)};
    assert.equal(formatCount(table, 'unreadCount', 1), '1 unread message');
  });
});
