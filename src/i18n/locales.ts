// The built-in locales, keyed by lowercase BCP 47 tag. Regional variants fall back to their
// language (fr-CA → fr), so only languages are listed here.
import type {PolyChatLocale} from './strings.js';
import {ar} from './locales/ar.js';
import {de} from './locales/de.js';
import {en} from './locales/en.js';
import {es} from './locales/es.js';
import {fr} from './locales/fr.js';

export const DEFAULT_LOCALE = 'en';

export const BUILT_IN_LOCALES: Readonly<Record<string, PolyChatLocale>> = {en, fr, de, es, ar};
