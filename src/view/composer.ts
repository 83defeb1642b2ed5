// The message box: a textarea (Enter sends, Shift+Enter breaks the line; the element handles keys)
// and a send button. An oversize draft is flagged in place; the element refuses to send it.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import {sendIcon} from './icons.js';

export interface ComposerViewOptions {
  readonly strings: PolyChatStrings;
  readonly value: string;
  /** No session can take a message (ended, or nothing configured). */
  readonly disabled: boolean;
  readonly ended: boolean;
  /** The draft is over the session's message size limit. */
  readonly tooLong: boolean;
  readonly onInput: (event: Event) => void;
  readonly onKeydown: (event: KeyboardEvent) => void;
  readonly onSubmit: (event: SubmitEvent) => void;
}

export function renderComposer(options: ComposerViewOptions): TemplateResult {
  const {strings, tooLong} = options;
  const empty = options.value.trim() === '';
  return html`<form part="composer" class="composer" novalidate @submit=${options.onSubmit}>
    <div class="composer-field ${tooLong ? 'invalid' : ''}">
      <textarea
        part="input"
        class="input"
        rows="1"
        .enterKeyHint=${'send'}
        aria-label=${strings.inputLabel}
        placeholder=${options.ended ? strings.inputPlaceholderEnded : strings.inputPlaceholder}
        .value=${options.value}
        ?disabled=${options.disabled}
        aria-invalid=${tooLong ? 'true' : 'false'}
        aria-describedby=${tooLong ? 'composer-error' : nothing}
        @input=${options.onInput}
        @keydown=${options.onKeydown}
      ></textarea>
      <button
        part="send-button"
        class="send-button ${empty || tooLong ? 'idle' : ''}"
        type="submit"
        aria-label=${strings.send}
        title=${strings.send}
        ?disabled=${options.disabled}
      >
        ${sendIcon()}
      </button>
    </div>
    ${tooLong ? html`<p id="composer-error" part="composer-error" class="composer-error" role="alert">${strings.tooLong}</p>` : nothing}
  </form>`;
}
