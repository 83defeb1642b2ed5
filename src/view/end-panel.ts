// Shown once the session ended: a reason-specific sentence, the conversation's rating when the host
// asks for one (`feedback="end"`), "Try again" when the same conversation can be resumed, and
// "Start a new conversation". Part of the session chunk, not of the rare views: an ended chat must
// always offer its way out, also when the rare views' chunk could not be loaded (offline).
import type {TemplateResult} from 'lit';
import {html, nothing} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import {endReasonText} from './end-reason-text.js';

export interface EndPanelOptions {
  readonly reason: string | null;
  /** The same conversation can be tried again: "Try again" comes first. */
  readonly reconnectable: boolean;
  readonly strings: PolyChatStrings;
  readonly restarting: boolean;
  readonly onRestart: (event: Event) => void;
  readonly onReconnect: (event: Event) => void;
  /** The end-of-chat rating (view/feedback.ts, rendered by the element once the rare views are here), or nothing. */
  readonly feedback: unknown;
}

export function renderEndPanel(options: EndPanelOptions): TemplateResult {
  const {strings, reconnectable} = options;
  const text = reconnectable && options.reason === 'failed' ? strings.endReconnectFailed : endReasonText(options.reason, strings);
  return html`<div part="end-panel" class="end-panel" data-reason=${options.reason ?? ''}>
    <p class="end-text">${text}</p>
    ${options.feedback}
    ${reconnectable
      ? html`<button type="button" part="reconnect-button" class="primary-button reconnect-button" @click=${options.onReconnect}>
          ${strings.reconnect}
        </button>`
      : nothing}
    <button
      type="button"
      part="restart-button"
      class="${reconnectable ? 'secondary-button' : 'primary-button'} restart-button"
      ?disabled=${options.restarting}
      @click=${options.onRestart}
    >
      ${strings.restart}
    </button>
  </div>`;
}
