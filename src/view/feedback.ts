// Thumbs up / thumbs down: under an agent's message, or the whole conversation in the end panel.
// Two toggle buttons (aria-pressed) in a labelled group; the chosen one stays pressed. The element
// records the choice and says "Thanks for your feedback" in its polite region. Comes with
// rare-views-chunk.ts, so it gets lit's tags from its loader (view/lit-tags.ts).
import type {TemplateResult} from 'lit';
import type {PolyChatFeedbackValue} from '../model/feedback.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import {icon} from './icons.js';
import type {LitTags} from './lit-tags.js';

const THUMB = 'M7 11v9H4v-9zM7 11l4-7a2 2 0 0 1 2.6 2.3L13 10h5.5a2 2 0 0 1 2 2.4l-1.3 6A2 2 0 0 1 17.3 20H7';

export interface FeedbackViewOptions {
  readonly strings: PolyChatStrings;
  /** The group's name: "Was this helpful?" under a message, "How was this conversation?" at the end. */
  readonly label: string;
  readonly chosen: PolyChatFeedbackValue | undefined;
  readonly onChoose: (value: PolyChatFeedbackValue) => void;
  /** The end panel: the question and, once answered, the thanks are shown as text too. */
  readonly conversation: boolean;
}

export function feedbackRenderer({html, nothing, svg}: LitTags): (options: FeedbackViewOptions) => TemplateResult {
  const thumbIcon = (value: PolyChatFeedbackValue): TemplateResult =>
    icon(svg`<path d=${THUMB} class="stroke${value === 'down' ? ' thumb-down' : ''}" />`);

  function renderButton(value: PolyChatFeedbackValue, options: FeedbackViewOptions): TemplateResult {
    const name = value === 'up' ? options.strings.feedbackUp : options.strings.feedbackDown;
    return html`<button
      type="button"
      part="feedback-button feedback-${value}"
      class="icon-button feedback-button"
      aria-pressed=${options.chosen === value ? 'true' : 'false'}
      aria-label=${name}
      title=${name}
      @click=${() => options.onChoose(value)}
    >
      ${thumbIcon(value)}
    </button>`;
  }

  return (options) => {
    const {strings, conversation} = options;
    return html`<div part="feedback" class="feedback${conversation ? ' conversation' : ''}" role="group" aria-label=${options.label}>
      ${conversation ? html`<p class="feedback-question" aria-hidden="true">${options.label}</p>` : nothing}
      ${renderButton('up', options)}${renderButton('down', options)}
      ${conversation && options.chosen ? html`<p part="feedback-thanks" class="feedback-thanks">${strings.feedbackThanks}</p>` : nothing}
    </div>`;
  };
}
