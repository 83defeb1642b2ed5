// Quick replies (response_suggestions): buttons that send their text. Shown on the latest agent
// message only, and only until the user sends something.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';

export function renderSuggestions(
  suggestions: readonly string[],
  strings: PolyChatStrings,
  onPick: (text: string, event: Event) => void,
): TemplateResult | typeof nothing {
  const offered = suggestions.filter((text) => text.trim() !== '');
  if (offered.length === 0) return nothing;
  return html`<div class="suggestions" role="group" aria-label=${strings.suggestionsLabel}>
    ${offered.map(
      (text) => html`<button type="button" part="suggestion" class="suggestion" @click=${(event: Event) => onPick(text, event)}>${text}</button>`,
    )}
  </div>`;
}
