// Which locales are available right now. English is built in; the other built-in languages are
// separate modules loaded on first use (dynamic import: in the standalone bundle each is a small
// chunk next to poly-chat.bundle.js), so a page pays only for the language it shows.
// `import './locales.js'` makes every built-in locale available at once (tests, SSR).
import {en} from './locales/en.js';
import type {PolyChatLocale, TextDirection} from './strings.js';

export const DEFAULT_LOCALE = 'en';

const available = new Map<string, PolyChatLocale>([[DEFAULT_LOCALE, en]]);

const LOADERS: Readonly<Record<string, () => Promise<PolyChatLocale>>> = {
  ar: () => import('./locales/ar.js').then((module) => module.ar),
  de: () => import('./locales/de.js').then((module) => module.de),
  es: () => import('./locales/es.js').then((module) => module.es),
  fr: () => import('./locales/fr.js').then((module) => module.fr),
};

/** Writing direction of the built-in languages that are not loaded yet: the layout flips at once. */
const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(['ar']);

const loading = new Map<string, Promise<boolean>>();

/** The direction a built-in language will have (known before its strings are loaded). */
export function builtInDirection(tag: string): TextDirection {
  return available.get(tag)?.dir ?? (RIGHT_TO_LEFT.has(tag) ? 'rtl' : 'ltr');
}

/** Makes a locale available under a lowercase language tag (e.g. `fr`). */
export function registerLocale(tag: string, locale: PolyChatLocale): void {
  available.set(tag.toLowerCase(), locale);
}

/** The locale for a lowercase tag, if it is available now. */
export function availableLocale(tag: string): PolyChatLocale | undefined {
  return available.get(tag);
}

/** A built-in locale that exists but is not loaded yet? */
export function canLoadLocale(tag: string): boolean {
  return !available.has(tag) && Object.hasOwn(LOADERS, tag);
}

/** Loads a built-in locale (once); resolves true when it became available. */
export function loadLocale(tag: string): Promise<boolean> {
  if (available.has(tag)) return Promise.resolve(true);
  if (!Object.hasOwn(LOADERS, tag)) return Promise.resolve(false);
  let pending = loading.get(tag);
  if (pending === undefined) {
    pending = (LOADERS[tag] as () => Promise<PolyChatLocale>)().then(
      (locale) => {
        registerLocale(tag, locale);
        return true;
      },
      () => {
        // Offline or blocked: stay in English; a later request may try again.
        loading.delete(tag);
        return false;
      }
    );
    loading.set(tag, pending);
  }
  return pending;
}
