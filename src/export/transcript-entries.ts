// What a downloaded transcript says, before it is written as text or HTML: one entry per message
// the chat shows (author or role, time, text, attachments and call actions as links, system notices
// in the UI language). Pure: the messages, the strings and the language in, plain data out. Only
// links that pass the view's scheme check are kept as links; nothing from the session but its
// messages is read, so no token can end up in a file.
import {formatString} from '../i18n/format-string.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatMessage, PolyChatRole} from '../protocol/message.js';
import {authorName} from '../view/author.js';
import type {Participants} from '../view/author.js';
import {messageText} from '../view/notice-text.js';
import {safeImageUrl, safeLinkUrl, telUrl} from '../view/safe-url.js';
import {visibleMessages} from '../view/transcript.js';

export interface TranscriptLink {
  readonly label: string;
  /** Scheme-checked; null when the server's URL was refused (the label is kept as text). */
  readonly href: string | null;
}

export interface TranscriptEntry {
  readonly role: PolyChatRole;
  /** "Assistant:", "You:", "Notice:" — the localised speaker label, punctuation included. */
  readonly speaker: string;
  /** The server's timestamp (ISO 8601) as it came, for machines; null when it has none. */
  readonly datetime: string | null;
  /** The same moment for people, in the UI language. */
  readonly time: string | null;
  readonly text: string;
  readonly links: readonly TranscriptLink[];
  /** A user message that never reached the agent ("Not delivered", "Sending…"); null once delivered. */
  readonly undelivered: string | null;
}

export interface TranscriptExportInput {
  readonly messages: readonly PolyChatMessage[];
  readonly people: Participants;
  readonly strings: PolyChatStrings;
  /** BCP 47 tag of the UI language. */
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** When the export is made (epoch ms). */
  readonly now: number;
}

export interface TranscriptModel {
  readonly title: string;
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** The export's moment, for people. */
  readonly exportedAt: string;
  readonly entries: readonly TranscriptEntry[];
}

function dateTimeFormat(lang: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = {dateStyle: 'medium', timeStyle: 'short'};
  try {
    return new Intl.DateTimeFormat(lang || 'en', options);
  } catch {
    return new Intl.DateTimeFormat('en', options);
  }
}

function messageLinks(message: PolyChatMessage, strings: PolyChatStrings): TranscriptLink[] {
  const links: TranscriptLink[] = [];
  for (const attachment of message.attachments) {
    const href =
      attachment.contentType === 'image'
        ? (safeImageUrl(attachment.contentUrl) ?? safeImageUrl(attachment.previewImageUrl))
        : safeLinkUrl(attachment.contentUrl);
    const label = attachment.title?.trim() || attachment.callToActionText?.trim() || (href ? strings.openLink : '');
    if (label !== '') links.push({label, href});
  }
  for (const action of message.callActions ?? []) {
    const href = telUrl(action.contactNumber);
    if (href) links.push({label: action.title?.trim() || action.contactNumber, href});
  }
  return links;
}

/** The transcript as plain data, in display order. */
export function transcriptModel(input: TranscriptExportInput): TranscriptModel {
  const {strings, people} = input;
  const format = dateTimeFormat(input.lang);
  const entries = visibleMessages(input.messages).map((message): TranscriptEntry => {
    const at = message.timestamp === undefined ? Number.NaN : Date.parse(message.timestamp);
    const name = authorName(message, people, strings);
    return {
      role: message.role,
      speaker: message.role === 'system' ? name : formatString(strings.messageFrom, {name}),
      datetime: Number.isNaN(at) ? null : new Date(at).toISOString(),
      time: Number.isNaN(at) ? null : format.format(at),
      text: messageText(message, strings),
      links: messageLinks(message, strings),
      undelivered: message.delivery === 'failed' ? strings.deliveryFailed : message.delivery === 'sending' ? strings.deliverySending : null,
    };
  });
  return {title: strings.exportTitle, lang: input.lang, dir: input.dir, exportedAt: format.format(input.now), entries};
}
