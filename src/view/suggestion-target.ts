// Which message's quick replies are on offer (the element needs this without the message views).
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
