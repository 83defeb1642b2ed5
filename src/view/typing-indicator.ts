import {html} from 'lit';
import type {TemplateResult} from 'lit';
import {formatString} from '../i18n/format-string.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {TypingInfo} from '../model/snapshot.js';

/** Text describing who is typing (also used by the status region). */
export function typingText(typing: TypingInfo, fallbackName: string, strings: PolyChatStrings): string {
  const name = typing.name?.trim() || fallbackName;
  return name ? formatString(strings.typingNamed, {name}) : strings.typingGeneric;
}

/** Three animated dots; the text is for screen readers browsing the log (announced via the status region). */
export function renderTypingIndicator(label: string): TemplateResult {
  return html`<div part="typing-indicator" class="typing-indicator">
    <span class="dots" aria-hidden="true"><span></span><span></span><span></span></span>
    <span class="visually-hidden">${label}</span>
  </div>`;
}
