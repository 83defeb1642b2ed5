// The conversation log. Messages are keyed by id, so a streamed reply grows inside the same DOM node.
// Windowed: only the newest `limit` messages are in the DOM (a long history replays in one batch; a
// few thousand message nodes would cost a long task and megabytes for nothing on screen), with a
// "show earlier messages" button above them that asks for more.
// role="log" for structure and navigation; its implicit live announcements are switched off
// (aria-live="off") because the element's own polite region announces each message once, complete.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import type {PolyChatFeedbackValue} from '../model/feedback.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatMessage} from '../protocol/message.js';
import type {ChatSnapshot} from '../model/snapshot.js';
import type {MessageFeedbackRenderer} from './message.js';
import {formatCount} from '../i18n/format-count.js';
import {renderMessages} from './messages.js';
import type {MessagesViewOptions} from './messages.js';
import {suggestionTarget} from './suggestion-target.js';
import {TRANSCRIPT_WINDOW} from './transcript-window.js';
import {messageClock} from './timestamps.js';
import type {PolyChatTimestamps} from './timestamps.js';
import {renderTypingIndicator, typingText} from './typing-indicator.js';

export interface TranscriptViewOptions {
  readonly snapshot: ChatSnapshot;
  readonly strings: PolyChatStrings;
  /** Id of the message whose suggestions the user already used. */
  readonly dismissedSuggestionsFor: string | null;
  readonly onSuggestion: (text: string, event: Event) => void;
  readonly onRetry: (message: PolyChatMessage, event: Event) => void;
  readonly onScroll: (event: Event) => void;
  /** How many of the newest messages to render. */
  readonly limit: number;
  /** Shows TRANSCRIPT_WINDOW more (the button says how many). */
  readonly onShowEarlier: () => void;
  /** Ids of the long messages the reader expanded ("Show more"). */
  readonly expanded: ReadonlySet<string>;
  readonly onToggleExpanded: (message: PolyChatMessage, event: Event) => void;
  /** The thumbs under agents' messages, or null (no `feedback="messages"`). */
  readonly renderFeedback: MessageFeedbackRenderer | null;
  /** The ratings given so far, by message id. */
  readonly feedback: ReadonlyMap<string, PolyChatFeedbackValue>;
  /** `timestamps`: which messages show their time (timestamps.ts). */
  readonly timestamps: PolyChatTimestamps;
  /** The UI language, for times and dates. */
  readonly lang: string;
  /** Local midnight of today (DayController): "Today" and "Yesterday" follow it. */
  readonly today: number;
  readonly markdownExtras: MessagesViewOptions['markdownExtras'];
  readonly needMarkdownExtras: () => void;
  readonly rareViews: MessagesViewOptions['rareViews'];
  readonly needRareViews: () => void;
  readonly customRender: MessagesViewOptions['customRender'];
  readonly onRenderError: (error: unknown) => void;
}

/** A completed agent reply with nothing in it renders nothing (as the SDKs do). */
function isEmpty(message: PolyChatMessage): boolean {
  return (
    message.role !== 'user' &&
    message.complete &&
    message.text.trim() === '' &&
    message.attachments.length === 0 &&
    (message.callActions?.length ?? 0) === 0 &&
    message.suggestions.length === 0 &&
    message.noticeKey === undefined
  );
}

/** The messages worth showing, in display order. */
export function visibleMessages(messages: readonly PolyChatMessage[]): PolyChatMessage[] {
  return messages.filter((message) => !isEmpty(message));
}

export function renderTranscript(options: TranscriptViewOptions): TemplateResult {
  const {snapshot, strings} = options;
  const messages = visibleMessages(snapshot.messages);
  const hidden = Math.max(0, messages.length - options.limit);
  const shown = hidden > 0 ? messages.slice(hidden) : messages;
  const offered = snapshot.status === 'ended' ? null : suggestionTarget(messages, options.dismissedSuggestionsFor);
  const people = {agent: snapshot.agent, liveAgent: snapshot.liveAgent};
  const last = messages[messages.length - 1];
  // While a streamed reply grows, the reply itself shows progress; no dots underneath it.
  const showTyping = snapshot.typing !== null && snapshot.status !== 'ended' && !(last && last.role !== 'user' && !last.complete);
  const typingFallback =
    snapshot.typing?.role === 'live-agent' ? (snapshot.liveAgent?.name ?? strings.liveAgentFallbackName) : (snapshot.agent?.name ?? strings.agentFallbackName);

  return html`<div
    part="transcript"
    class="transcript"
    role="log"
    aria-live="off"
    aria-label=${strings.transcriptLabel}
    tabindex="0"
    @scroll=${options.onScroll}
  >
    <div class="transcript-content">
    ${messages.length === 0
      ? html`<div part="empty-state" class="empty-state">
          <slot name="empty">
            <p class="empty-title">${strings.emptyTitle}</p>
            <p class="empty-body">${strings.emptyBody}</p>
          </slot>
        </div>`
      : nothing}
    ${hidden > 0
      ? html`<button type="button" part="show-earlier" class="show-earlier link-button" @click=${options.onShowEarlier}
          >${formatCount(strings, 'showEarlier', Math.min(hidden, TRANSCRIPT_WINDOW))}</button
        >`
      : nothing}
    <div class="messages">
      ${renderMessages(shown, {
        strings,
        people,
        offered,
        onSuggestion: options.onSuggestion,
        onRetry: options.onRetry,
        expanded: options.expanded,
        onToggleExpanded: options.onToggleExpanded,
        renderFeedback: options.renderFeedback,
        feedback: options.feedback,
        clock: messageClock(options.lang, options.timestamps, options.today),
        markdownExtras: options.markdownExtras,
        needMarkdownExtras: options.needMarkdownExtras,
        rareViews: options.rareViews,
        needRareViews: options.needRareViews,
        customRender: options.customRender,
        onRenderError: options.onRenderError,
      })}
    </div>
    ${showTyping && snapshot.typing ? renderTypingIndicator(typingText(snapshot.typing, typingFallback, strings)) : nothing}
    </div>
  </div>`;
}
