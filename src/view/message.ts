// One transcript entry. Agent and live-agent text goes through the safe Markdown renderer; user and
// system text is plain text. Every message element carries `part="message message-<role>"`. A very
// long text shows its preview and a "Show more" button (long-text.ts).
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {formatString} from '../i18n/format-string.js';
import type {PolyChatFeedbackValue} from '../model/feedback.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {isLongText, LAYOUT_SLICE_CHARS, MARKDOWN_MAX_CHARS, previewText, sliceText} from './long-text.js';
import {authorAvatar, authorName, initials} from './author.js';
import type {Participants} from './author.js';
import {alertIcon, checkIcon, hideBrokenImage} from './icons.js';
import {renderMarkdown} from './markdown.js';
import type {MarkdownExtras} from './markdown.js';
import {messageText} from './notice-text.js';
import type {RareViews} from './rare-views.js';
import {safeImageUrl} from './safe-url.js';
import {renderSuggestions} from './suggestions.js';
import {messageTime, renderTime} from './timestamps.js';
import type {MessageClock} from './timestamps.js';

export interface MessageViewOptions {
  readonly strings: PolyChatStrings;
  readonly people: Participants;
  /** Same author as the message before: the byline and avatar are not repeated. */
  readonly continued: boolean;
  /** This message's suggestions are on offer. */
  readonly showSuggestions: boolean;
  readonly onSuggestion: (text: string, event: Event) => void;
  readonly onRetry: (message: PolyChatMessage, event: Event) => void;
  /** The reader expanded this (long) message. */
  readonly expanded: boolean;
  readonly onToggleExpanded: (message: PolyChatMessage, event: Event) => void;
  /** The thumbs under an agent's complete message (`feedback="messages"`), or null. */
  readonly renderFeedback: MessageFeedbackRenderer | null;
  /** The rating the reader gave this message. */
  readonly feedback: PolyChatFeedbackValue | undefined;
  readonly clock: MessageClock;
  /** Show when it was written (timestamps.ts decides which messages do). */
  readonly showTime: boolean;
  /** Renderers of tables and code blocks, once loaded (view/markdown.ts). */
  readonly markdownExtras: MarkdownExtras | null;
  readonly needMarkdownExtras: () => void;
  /** Attachments and call actions, once loaded (view/rare-views.ts). */
  readonly rareViews: RareViews | null;
  readonly needRareViews: () => void;
}

function renderMessageTime(message: PolyChatMessage, options: MessageViewOptions): unknown {
  const at = options.showTime ? messageTime(message) : null;
  return at === null ? nothing : renderTime(at, options.clock);
}

export type MessageFeedbackRenderer = (message: PolyChatMessage, chosen: PolyChatFeedbackValue | undefined) => unknown;

function renderAvatar(message: PolyChatMessage, name: string, people: Participants, continued: boolean): TemplateResult {
  if (continued) return html`<span class="avatar-space" aria-hidden="true"></span>`;
  const src = safeImageUrl(authorAvatar(message, people));
  // Initials underneath, the picture on top: if the picture fails to load, the initials show.
  return html`<span part="avatar" class="avatar" aria-hidden="true"
    >${initials(name)}${src
      ? html`<img src=${src} alt="" referrerpolicy="no-referrer" @error=${hideBrokenImage} />`
      : nothing}</span
  >`;
}

function renderDelivery(message: PolyChatMessage, options: MessageViewOptions): TemplateResult | typeof nothing {
  const {strings} = options;
  switch (message.delivery) {
    case 'sending':
      return html`<p part="delivery" class="delivery sending">${strings.deliverySending}</p>`;
    case 'sent':
      return html`<p part="delivery" class="delivery sent">${checkIcon()}<span class="visually-hidden">${strings.deliverySent}</span></p>`;
    case 'failed':
      return html`<p part="delivery" class="delivery failed">
        ${alertIcon()}<span>${strings.deliveryFailed}</span>
        ${message.clientEventId
          ? html`<button type="button" part="retry-button" class="retry-button link-button" @click=${(event: Event) => options.onRetry(message, event)}>
              ${strings.retrySend}
            </button>`
          : nothing}
      </p>`;
    default:
      return nothing;
  }
}

function renderSystem(message: PolyChatMessage, options: MessageViewOptions): TemplateResult {
  const {strings} = options;
  const level = message.level ?? 'info';
  const text = messageText(message, strings);
  // A server's system text may be huge too (liberal in what we accept): the same preview and slices.
  const long = isLongText(text);
  const shown = long && !options.expanded ? previewText(text) : text;
  const body = shown.length <= LAYOUT_SLICE_CHARS ? shown : sliceText(shown).map((slice) => html`<span class="slice">${slice}</span>`);
  return html`<div part="message message-system" class="message system level-${level}" data-message-id=${message.id}>
    <p class="notice" dir="auto"><span class="visually-hidden">${strings.systemNotice} </span>${body}</p>
    ${long ? renderToggle(message, options) : nothing} ${renderMessageTime(message, options)}
  </div>`;
}

/**
 * The bubble's text: Markdown for agents, plain for users. A long text shows its preview until
 * expanded; beyond MARKDOWN_MAX_CHARS it is plain text, expanded or not, so it looks the same both
 * ways. A huge plain text is laid out in slices, each skipped by layout while off screen.
 */
function renderText(message: PolyChatMessage, options: MessageViewOptions): unknown {
  const {text} = message;
  const shown = options.expanded ? text : previewText(text);
  if (message.role !== 'user' && text.length <= MARKDOWN_MAX_CHARS) {
    return renderMarkdown(shown, options.strings, {
      streaming: !message.complete,
      extras: options.markdownExtras,
      needExtras: options.needMarkdownExtras,
    });
  }
  if (shown.length <= LAYOUT_SLICE_CHARS) return html`<p class="plain">${shown}</p>`;
  return html`<p class="plain">${sliceText(shown).map((slice) => html`<span class="slice">${slice}</span>`)}</p>`;
}

/** Attachment cards and call actions; nothing while their views load (the render comes again). */
function renderCards(message: PolyChatMessage, options: MessageViewOptions): unknown {
  if (message.attachments.length === 0 && !message.callActions?.length) return nothing;
  const views = options.rareViews;
  if (!views) {
    options.needRareViews();
    return nothing;
  }
  return html`${views.renderAttachments(message.attachments, options.strings)} ${views.renderCallActions(message.callActions, options.strings)}`;
}

function renderToggle(message: PolyChatMessage, options: MessageViewOptions): TemplateResult {
  const {expanded, strings} = options;
  return html`<button
    type="button"
    part="show-more-button"
    class="show-more link-button"
    aria-expanded=${expanded ? 'true' : 'false'}
    @click=${(event: Event) => options.onToggleExpanded(message, event)}
  >
    ${expanded ? strings.showLess : strings.showMore}
  </button>`;
}

/** One message of the transcript. */
export function renderMessage(message: PolyChatMessage, options: MessageViewOptions): TemplateResult {
  const {strings} = options;
  if (message.role === 'system') return renderSystem(message, options);
  const name = authorName(message, options.people, strings);
  const isUser = message.role === 'user';
  const streaming = !message.complete;
  const classes = `message ${message.role}${options.continued ? ' continued' : ''}${streaming ? ' streaming' : ''}`;
  return html`<div
    part="message message-${message.role}"
    class=${classes}
    data-message-id=${message.id}
    aria-busy=${streaming ? 'true' : 'false'}
  >
    ${isUser ? nothing : renderAvatar(message, name, options.people, options.continued)}
    <div class="message-body">
      ${options.continued || isUser
        ? html`<span class="visually-hidden">${formatString(strings.messageFrom, {name})} </span>`
        : html`<p class="byline" part="byline"><span class="visually-hidden">${formatString(strings.messageFrom, {name})} </span><span aria-hidden="true">${name}</span></p>`}
      ${message.text !== '' || streaming
        ? html`<div part="bubble" class="bubble" dir="auto">${renderText(message, options)}</div>`
        : nothing}
      ${isLongText(message.text) ? renderToggle(message, options) : nothing}
      ${renderCards(message, options)}
      ${renderMessageTime(message, options)} ${isUser ? renderDelivery(message, options) : nothing}
      ${options.renderFeedback && !isUser && !streaming ? options.renderFeedback(message, options.feedback) : nothing}
      ${options.showSuggestions ? renderSuggestions(message.suggestions, strings, options.onSuggestion) : nothing}
    </div>
  </div>`;
}
