// Every built-in locale, eagerly: importing this module makes them all available to
// resolveStrings() at once (tests, server-side rendering). The element itself loads a language on
// first use (locale-registry.ts), so the standalone bundle carries English only.
import type {PolyChatLocale} from './strings.js';
import {DEFAULT_LOCALE, registerLocale} from './locale-registry.js';
import {ar} from './locales/ar.js';
import {de} from './locales/de.js';
import {en} from './locales/en.js';
import {es} from './locales/es.js';
import {fr} from './locales/fr.js';

export {DEFAULT_LOCALE};

export const BUILT_IN_LOCALES: Readonly<Record<string, PolyChatLocale>> = {en, fr, de, es, ar};

for (const [tag, locale] of Object.entries(BUILT_IN_LOCALES)) registerLocale(tag, locale);
