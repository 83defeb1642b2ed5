// What a SESSION_END reason means. The reason itself travels verbatim (poly-chat-end carries what
// the server said, free strings included, §11.3 / Q20); only the texts shown to the user read its
// meaning here, and a reason nobody knows gets the generic "ended" text.
import {SESSION_END_REASONS} from './wire.js';

export type KnownEndReason = (typeof SESSION_END_REASONS)[number];

// The SDKs also use lowercase names (protocol §11.3).
const ALIASES: ReadonlyMap<string, KnownEndReason> = new Map([
  ['user_end', 'REASON_USER_END'],
  ['user_ended', 'REASON_USER_END'],
  ['user_abandoned', 'REASON_USER_ABANDONED'],
  ['abandoned', 'REASON_USER_ABANDONED'],
  ['natural_end', 'REASON_NATURAL_END'],
  ['normal', 'REASON_NATURAL_END'],
  ['agent_ended', 'REASON_NATURAL_END'],
]);

const KNOWN: ReadonlySet<string> = new Set(SESSION_END_REASONS);

/** The documented reason a server's reason stands for (any case, SDK aliases), or null. */
export function knownEndReason(reason: string | null | undefined): KnownEndReason | null {
  if (typeof reason !== 'string') return null;
  const trimmed = reason.trim();
  const upper = trimmed.toUpperCase();
  if (KNOWN.has(upper)) return upper as KnownEndReason;
  return ALIASES.get(trimmed.toLowerCase()) ?? null;
}
