// The message list of the transcript, keyed by id so a streamed reply grows inside the same DOM node.
// Part of the lazily loaded session chunk (element/session-chunk.ts), like the whole panel.
import {html} from 'lit';
import type {TemplateResult} from 'lit';
import {repeat} from 'lit/directives/repeat.js';
import type {PolyChatFeedbackValue} from '../model/feedback.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatMessage} from '../protocol/message.js';
import type {Participants} from './author.js';
import type {MarkdownExtras} from './markdown.js';
import type {RareViews} from './rare-views.js';
import {renderMessage} from './message.js';
import type {MessageFeedbackRenderer, MessageViewOptions} from './message.js';
import {daySeparatorFor, messageTime, renderDaySeparator, showsTime, startOfDay} from './timestamps.js';
import type {MessageClock} from './timestamps.js';

export interface MessagesViewOptions {
  readonly strings: PolyChatStrings;
  readonly people: Participants;
  /** Id of the message whose suggestions are on offer. */
  readonly offered: string | null;
  readonly onSuggestion: (text: string, event: Event) => void;
  readonly onRetry: (message: PolyChatMessage, event: Event) => void;
  /** Ids of the long messages the reader expanded. */
  readonly expanded: ReadonlySet<string>;
  readonly onToggleExpanded: (message: PolyChatMessage, event: Event) => void;
  /** The thumbs under agents' messages, or null (no `feedback="messages"`). */
  readonly renderFeedback: MessageFeedbackRenderer | null;
  /** The ratings given so far, by message id. */
  readonly feedback: ReadonlyMap<string, PolyChatFeedbackValue>;
  readonly clock: MessageClock;
  readonly markdownExtras: MarkdownExtras | null;
  readonly needMarkdownExtras: () => void;
  readonly rareViews: RareViews | null;
  readonly needRareViews: () => void;
  /** The host's own message layout (`<poly-chat>.renderMessage`), or null for the default. */
  readonly customRender: PolyChatMessageRenderer | null;
  /** Told when `customRender` threw; that message shows its default template. */
  readonly onRenderError: (error: unknown) => void;
}

/**
 * A host's own message layout: gets the message and the template the chat would render for it,
 * returns what to render instead (a lit template; `defaultTemplate` may be part of it).
 */
export type PolyChatMessageRenderer = (message: PolyChatMessage, defaultTemplate: TemplateResult) => unknown;

/**
 * Messages are immutable (a change is a new object), so a message's template is made once and
 * reused while nothing it depends on changed: a streamed chunk re-renders the growing reply only,
 * not every message of the transcript (no Markdown parsing of the others either).
 */
const rendered = new WeakMap<
  PolyChatMessage,
  {readonly options: MessageViewOptions; readonly custom: PolyChatMessageRenderer | null; readonly result: unknown}
>();

function sameOptions(a: MessageViewOptions, b: MessageViewOptions): boolean {
  return (
    a.strings === b.strings &&
    a.people.agent === b.people.agent &&
    a.people.liveAgent === b.people.liveAgent &&
    a.continued === b.continued &&
    a.showSuggestions === b.showSuggestions &&
    a.onSuggestion === b.onSuggestion &&
    a.onRetry === b.onRetry &&
    a.expanded === b.expanded &&
    a.onToggleExpanded === b.onToggleExpanded &&
    a.renderFeedback === b.renderFeedback &&
    a.feedback === b.feedback &&
    a.clock === b.clock &&
    a.showTime === b.showTime &&
    a.markdownExtras === b.markdownExtras &&
    a.needMarkdownExtras === b.needMarkdownExtras &&
    a.rareViews === b.rareViews &&
    a.needRareViews === b.needRareViews
  );
}

/** The host's layout around the default one; a host function that throws gets the default. */
function renderCustom(message: PolyChatMessage, template: TemplateResult, options: MessagesViewOptions): unknown {
  if (!options.customRender) return template;
  try {
    return options.customRender(message, template);
  } catch (error) {
    options.onRenderError(error);
    return template;
  }
}

function renderMemo(message: PolyChatMessage, options: MessageViewOptions, list: MessagesViewOptions): unknown {
  const cached = rendered.get(message);
  if (cached !== undefined && cached.custom === list.customRender && sameOptions(cached.options, options)) return cached.result;
  const result = renderCustom(message, renderMessage(message, options), list);
  rendered.set(message, {options, custom: list.customRender, result});
  return result;
}

function sameDay(a: PolyChatMessage, b: PolyChatMessage): boolean {
  const at = messageTime(a);
  const bt = messageTime(b);
  return at === null || bt === null || startOfDay(at) === startOfDay(bt);
}

/** One author's run: the byline and avatar are not repeated (a new day starts a new run). */
function sameAuthor(a: PolyChatMessage | undefined, b: PolyChatMessage | undefined): boolean {
  return a !== undefined && b !== undefined && a.role === b.role && b.role !== 'system' && (a.author ?? '') === (b.author ?? '') && sameDay(a, b);
}

/** The messages to show (already windowed), in display order. */
export function renderMessages(shown: readonly PolyChatMessage[], options: MessagesViewOptions): unknown {
  return repeat(
    shown,
    (message) => message.id,
    (message, index) => {
      const {clock} = options;
      const rendered = renderMemo(message, {
        strings: options.strings,
        people: options.people,
        continued: sameAuthor(shown[index - 1], message),
        showSuggestions: message.id === options.offered,
        onSuggestion: options.onSuggestion,
        onRetry: options.onRetry,
        expanded: options.expanded.has(message.id),
        onToggleExpanded: options.onToggleExpanded,
        renderFeedback: options.renderFeedback,
        feedback: options.feedback.get(message.id),
        clock,
        showTime: showsTime(message, !sameAuthor(message, shown[index + 1]), clock),
        markdownExtras: options.markdownExtras,
        needMarkdownExtras: options.needMarkdownExtras,
        rareViews: options.rareViews,
        needRareViews: options.needRareViews,
      }, options);
      const day = daySeparatorFor(shown[index - 1], message, clock);
      return day === null ? rendered : html`${renderDaySeparator(day, clock)}${rendered}`;
    }
  );
}
