// The plain text a screen reader hears for a message (the element's polite live region): agent
// text without its Markdown syntax, notices in the UI language, then attachment titles.
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {formatString} from '../i18n/format-string.js';
import {authorName} from './author.js';
import type {Participants} from './author.js';
import {isLongText, PREVIEW_CHARS, previewText, truncateText} from './long-text.js';
import {markdownToPlainText} from './markdown-tokenize.js';
import {messageText} from './notice-text.js';

/**
 * Agent text without its Markdown syntax. A long text is heard as its preview, as it is shown
 * collapsed: only its beginning is parsed (twice the preview, for the syntax that drops out), and it
 * ends with an ellipsis.
 */
function agentPlainText(text: string): string {
  if (!isLongText(text)) return markdownToPlainText(text);
  let end = PREVIEW_CHARS * 2;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // never half a surrogate pair
  const plain = markdownToPlainText(text.slice(0, end));
  return plain.length > PREVIEW_CHARS ? truncateText(plain, PREVIEW_CHARS) : `${plain}…`;
}

/** What a message says, as plain text: never more than about PREVIEW_CHARS of its text. */
export function messagePlainText(message: PolyChatMessage, strings: PolyChatStrings): string {
  const text =
    message.role === 'agent' || message.role === 'live-agent'
      ? agentPlainText(message.text)
      : previewText(messageText(message, strings));
  const titles = message.attachments.map((attachment) => attachment.title?.trim() ?? '').filter((title) => title !== '');
  return [text, ...titles].filter((part) => part !== '').join(' ');
}

/** What the polite live region says when a message arrives complete. */
export function messageAnnouncement(message: PolyChatMessage, people: Participants, strings: PolyChatStrings): string {
  const text = messagePlainText(message, strings);
  return message.role === 'system'
    ? `${strings.systemNotice} ${text}`
    : formatString(strings.announceMessage, {
        name: authorName(message, people, strings),
        text,
      });
}
