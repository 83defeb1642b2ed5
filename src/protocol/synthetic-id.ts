// Ids made up for events that came without one (decode-frame.ts). Such events are shown all the same
// (liberal in what we accept): with a sequence they get `synthetic:seq:<n>`, so a replay of the same
// sequence is still recognised, on any page; without one a fresh `synthetic:<page tag>:<n>`, never
// deduplicated (nothing could tell a repeat) and known to this page only.

export const SYNTHETIC_ID_PREFIX = 'synthetic:';
export const SEQUENCE_ID_PREFIX = `${SYNTHETIC_ID_PREFIX}seq:`;

/** Whether a message's id (`<kind><segment>:<event id>`) holds an event id only this page knows. */
export function hasPageOnlyId(messageId: string): boolean {
  const at = messageId.indexOf(`:${SYNTHETIC_ID_PREFIX}`);
  return at >= 0 && !messageId.startsWith(SEQUENCE_ID_PREFIX, at + 1);
}
