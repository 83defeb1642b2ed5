// Strings with a count (unread messages, queue position, minutes, earlier messages): the form for
// the count's plural category in the language the strings are in (Intl.PluralRules), so Arabic gets
// its six forms and English its two without any rule of our own. The language is the one the table
// was resolved for (resolveStrings records it), so views need nothing but the strings they have.
import {formatString} from './format-string.js';
import type {CountString, PluralCategory, PolyChatStrings} from './strings.js';

/** The keys whose value has plural forms, with the placeholder the count fills. */
const COUNTS = {unreadCount: 'count', showEarlier: 'count', handoffPosition: 'position', handoffWaitMinutes: 'minutes'} as const;
export type CountStringKey = keyof typeof COUNTS;

/** Positions take ordinal forms (1st, 2nd, 3rd), the others cardinal ones. */
const ORDINAL: ReadonlySet<CountStringKey> = new Set(['handoffPosition']);

const tableLanguage = new WeakMap<PolyChatStrings, string>();
const rulesCache = new Map<string, Intl.PluralRules>();

/** `strings` is in `locale` (a built-in locale tag): its forms follow that language's plural rules. */
export function setStringsLanguage(strings: PolyChatStrings, locale: string): void {
  tableLanguage.set(strings, locale);
}

/** Keys with plural forms: overrides of these may be form objects, not only strings. */
export function isCountStringKey(key: string): key is CountStringKey {
  return Object.hasOwn(COUNTS, key);
}

function pluralRules(locale: string, type: Intl.PluralRuleType): Intl.PluralRules {
  const cacheKey = `${type}:${locale}`;
  let rules = rulesCache.get(cacheKey);
  if (rules === undefined) {
    rules = new Intl.PluralRules(locale, {type});
    rulesCache.set(cacheKey, rules);
  }
  return rules;
}

/** The form of `template` for `count` under `locale`'s rules: `other` when it has no such form. */
export function pluralForm(template: CountString, locale: string, count: number, type: Intl.PluralRuleType = 'cardinal'): string {
  if (typeof template === 'string') return template;
  const category = pluralRules(locale, type).select(count) as PluralCategory;
  return template[category] ?? template.other;
}

/** `strings[key]` for `count`, its placeholder filled. */
export function formatCount(strings: PolyChatStrings, key: CountStringKey, count: number): string {
  const locale = tableLanguage.get(strings) ?? 'en';
  const form = pluralForm(strings[key], locale, count, ORDINAL.has(key) ? 'ordinal' : 'cardinal');
  return formatString(form, {[COUNTS[key]]: count});
}

/** A host's plural forms: an object of strings with `other`; anything else is not one. */
export function isPluralForms(value: unknown): value is Exclude<CountString, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as {other?: unknown}).other === 'string' &&
    Object.values(value).every((form) => typeof form === 'string')
  );
}
