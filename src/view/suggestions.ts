// Quick replies (response_suggestions): buttons that send their text. Shown on the latest agent
// message only, and only until the user sends something.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatMessage} from '../protocol/message.js';

/**
 * The id of the message whose suggestions are on offer: the last non-system message, when it is a
 * complete agent or live-agent message with suggestions that the user has not already used.
 */
export function suggestionTarget(messages: readonly PolyChatMessage[], dismissedId: string | null): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (!message || message.role === 'system') continue;
    if (message.role === 'user' || !message.complete || message.id === dismissedId) return null;
    return message.suggestions.some((text) => text.trim() !== '') ? message.id : null;
  }
  return null;
}

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
