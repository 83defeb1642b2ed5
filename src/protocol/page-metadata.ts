// Page context a host attaches to the user's messages (which page, which order): string key/values
// that ride in USER_MESSAGE's metadata.custom next to client_event_id (§4.1). The server echoes
// them; the SDKs treat `custom` as string → string (Q23), so anything else is refused here, before a
// message exists, rather than coerced on the wire.
import {CLIENT_EVENT_ID_KEY} from './wire-defaults.js';
import type {CustomMetadata} from './wire.js';

/**
 * A frozen copy of `value` as metadata, or a TypeError saying what is wrong: not a plain object,
 * a value that is not a string, or the key the chat uses itself (client_event_id).
 * `null`/`undefined` are no metadata.
 */
export function toPageMetadata(value: unknown, what: string): CustomMetadata | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${what} must be an object of strings.`);
  const entries = Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw new TypeError(`${what}.${key} must be a string, not ${item === null ? 'null' : typeof item}.`);
    if (key === CLIENT_EVENT_ID_KEY) throw new TypeError(`${what}.${key} is reserved: the chat uses it to confirm delivery.`);
  }
  // fromEntries defines each key as data, so a `__proto__` key (from JSON.parse) is kept as one.
  return Object.freeze(Object.fromEntries(entries) as Record<string, string>);
}

/** The element's metadata with one message's laid on top (its keys win). */
export function mergePageMetadata(base: CustomMetadata | undefined, message: CustomMetadata | undefined): CustomMetadata | undefined {
  if (!message) return base;
  if (!base) return message;
  return Object.freeze({...base, ...message});
}
