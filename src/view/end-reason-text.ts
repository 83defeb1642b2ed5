// Why the conversation ended, in the reader's words: the end panel's sentence, also read by the
// status region and the transcript.
import type {PolyChatStrings, PolyChatTextKey} from '../i18n/strings.js';
import {knownEndReason} from '../protocol/end-reason.js';

const REASON_KEYS: Readonly<Record<string, PolyChatTextKey>> = {
  REASON_USER_END: 'endUser',
  REASON_NATURAL_END: 'endNatural',
  REASON_USER_ABANDONED: 'endAbandoned',
  expired: 'endExpired',
  failed: 'endFailed',
};

/** The string explaining why the conversation ended; reasons it does not know get the generic one. */
export function endReasonText(reason: string | null, strings: PolyChatStrings): string {
  const known = knownEndReason(reason) ?? reason;
  const key = known !== null && Object.hasOwn(REASON_KEYS, known) ? REASON_KEYS[known] : undefined;
  return strings[key ?? 'endGeneric'];
}
