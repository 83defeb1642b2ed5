// System messages the client writes itself carry a `noticeKey` (+ `noticeParams`) so they follow the
// UI language; `text` is the English fallback. Keys are the transcript's (protocol/transcript-notices)
// or, for hosts and future notices, any key of the string table.
import {formatString} from '../i18n/format-string.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {endReasonText} from './end-reason-text.js';

type Params = Readonly<Record<string, string>>;

/** The localised text of a notice, or null when the key is unknown. */
export function noticeText(key: string, params: Params, strings: PolyChatStrings): string | null {
  const name = params['name']?.trim();
  switch (key) {
    case 'handoff-requested':
      return strings.noticeHandoffRequested;
    case 'live-agent-joined':
      return name ? formatString(strings.noticeAgentJoined, {name}) : strings.noticeAgentJoinedGeneric;
    case 'live-agent-left':
      return name ? formatString(strings.noticeAgentLeft, {name}) : strings.noticeAgentLeftGeneric;
    case 'client-handoff-required':
      return strings.noticeClientHandoff;
    case 'handoff-failed':
      return strings.noticeHandoffFailed;
    case 'handoff-timeout':
      return strings.noticeHandoffTimeout;
    case 'session-ended':
      return endReasonText(params['reason'] ?? null, strings);
    case 'new-conversation':
      return strings.noticeNewConversation;
  }
  // 'new-conversation-expired', '-rejected', '-conversation-lost', …
  if (key.startsWith('new-conversation-')) return strings.noticeNewConversationRecovered;
  if (Object.hasOwn(strings, key)) {
    const template: unknown = (strings as unknown as Record<string, unknown>)[key];
    if (typeof template === 'string') return formatString(template, params);
  }
  return null;
}

/** The text to show for a message: its localised notice when it has a known noticeKey, else its text. */
export function messageText(message: PolyChatMessage, strings: PolyChatStrings): string {
  if (message.noticeKey === undefined) return message.text;
  return noticeText(message.noticeKey, message.noticeParams ?? {}, strings) ?? message.text;
}
