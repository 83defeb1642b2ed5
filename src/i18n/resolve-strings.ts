// Picks the strings for a BCP 47 tag with fallback (fr-CA → fr → en) and applies host overrides.
// Among the locales available now: English always; other built-in languages once loaded
// (locale-registry.ts: `loadLocale`, or import './locales.js' for all of them).
import {isCountStringKey, isPluralForms, setStringsLanguage} from './format-count.js';
import {DEFAULT_LOCALE, availableLocale, canLoadLocale} from './locale-registry.js';
import type {PolyChatLocale, PolyChatStrings, TextDirection} from './strings.js';

export interface ResolvedStrings {
  /** The built-in locale the strings came from, e.g. `fr` for `fr-CA`. */
  readonly locale: string;
  readonly dir: TextDirection;
  readonly strings: PolyChatStrings;
}

/** Candidate tags from most to least specific: `zh-Hant-TW` → `zh-hant-tw`, `zh-hant`, `zh`. */
export function localeCandidates(lang: string | null | undefined): string[] {
  const tag = (lang ?? '').trim().replace(/_/g, '-').toLowerCase();
  if (tag === '') return [];
  const parts = tag.split('-').filter((part) => part !== '');
  const candidates: string[] = [];
  for (let length = parts.length; length > 0; length--) candidates.push(parts.slice(0, length).join('-'));
  return candidates;
}

/** Returns the best available locale for `lang`, English when nothing matches. */
export function resolveLocale(lang: string | null | undefined): {readonly tag: string; readonly locale: PolyChatLocale} {
  for (const candidate of localeCandidates(lang)) {
    const locale = availableLocale(candidate);
    if (locale) return {tag: candidate, locale};
  }
  return {tag: DEFAULT_LOCALE, locale: availableLocale(DEFAULT_LOCALE) as PolyChatLocale};
}

/** The built-in locale `lang` asks for when it is not loaded yet (the element loads it), else null. */
export function missingLocale(lang: string | null | undefined): string | null {
  for (const candidate of localeCandidates(lang)) {
    if (availableLocale(candidate)) return null;
    if (canLoadLocale(candidate)) return candidate;
  }
  return null;
}

/**
 * The UI strings for `lang` (BCP 47, with fallback to the language and then English), with
 * `overrides` laid on top. Only string values of known keys are taken from overrides, and plural
 * forms (an object of strings with `other`) for the keys that have a count.
 */
export function resolveStrings(lang: string | null | undefined, overrides?: Partial<PolyChatStrings> | null): ResolvedStrings {
  const {tag, locale} = resolveLocale(lang);
  if (!overrides) {
    setStringsLanguage(locale.strings, tag);
    return {locale: tag, dir: locale.dir, strings: locale.strings};
  }
  const strings: Record<string, unknown> = {...locale.strings};
  for (const [key, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(locale.strings, key)) continue;
    if (typeof value === 'string' || (isCountStringKey(key) && isPluralForms(value))) strings[key] = value;
  }
  const table = strings as unknown as PolyChatStrings;
  setStringsLanguage(table, tag);
  return {locale: tag, dir: locale.dir, strings: table};
}
