// URL policy for anything the server (or the agent's text) asks us to link or load. Decided with
// the URL parser, after the clean-up browsers themselves do (they drop tabs/newlines anywhere and
// trim C0 controls and spaces), so `java\tscript:` or ` javascript:` cannot sneak past a prefix check.

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const IMAGE_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

// C0/C1 controls, DEL, zero-width and bidi formatting characters: never part of a legitimate link.
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** Strips invisible and control characters and surrounding whitespace. */
export function normalizeUrl(raw: string): string {
  return raw.replace(INVISIBLE, '').trim();
}

function parseWith(raw: unknown, allowed: ReadonlySet<string>): string | null {
  if (typeof raw !== 'string') return null;
  const cleaned = normalizeUrl(raw);
  if (cleaned === '' || /\s/.test(cleaned.split(':', 1)[0] ?? '')) return null;
  let url: URL;
  try {
    // No base: relative URLs would resolve against the host page, which server text has no business naming.
    url = new URL(cleaned);
  } catch {
    return null;
  }
  if (!allowed.has(url.protocol)) return null;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') return null;
  return url.href;
}

/** The normalised href when `raw` may become a link (http, https, mailto, tel), else null. */
export function safeLinkUrl(raw: unknown): string | null {
  return parseWith(raw, LINK_PROTOCOLS);
}

/** The normalised src when `raw` may be loaded as an image (http, https only), else null. */
export function safeImageUrl(raw: unknown): string | null {
  return parseWith(raw, IMAGE_PROTOCOLS);
}

/** True for links that leave the page (http/https): they open in a new tab. */
export function opensInNewTab(href: string): boolean {
  return href.startsWith('http:') || href.startsWith('https:');
}

/** A `tel:` href for a phone number, or null when the number holds anything but dial characters. */
export function telUrl(number: unknown): string | null {
  if (typeof number !== 'string') return null;
  const cleaned = normalizeUrl(number);
  if (!/^\+?[0-9()*.\-\s]{3,32}$/.test(cleaned) || !/[0-9]/.test(cleaned)) return null;
  return safeLinkUrl(`tel:${cleaned.replace(/[\s().-]/g, '')}`);
}
