// Who wrote a message, for the byline, the avatar and announcements.
import type {PolyChatMessage} from '../protocol/message.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {AgentInfo} from '../model/snapshot.js';

export interface Participants {
  readonly agent: AgentInfo | null;
  readonly liveAgent: AgentInfo | null;
}

/** The display name of a message's author, with fallbacks per role. */
export function authorName(message: PolyChatMessage, people: Participants, strings: PolyChatStrings): string {
  const given = message.author?.trim();
  switch (message.role) {
    case 'user':
      return strings.you;
    case 'agent':
      return given || people.agent?.name?.trim() || strings.agentFallbackName;
    case 'live-agent':
      return given || people.liveAgent?.name?.trim() || strings.liveAgentFallbackName;
    case 'system':
      return strings.systemNotice;
  }
}

/** The avatar URL (unvetted) of a message's author, if known. */
export function authorAvatar(message: PolyChatMessage, people: Participants): string | undefined {
  if (message.avatarUrl) return message.avatarUrl;
  if (message.role === 'agent') return people.agent?.avatarUrl;
  if (message.role === 'live-agent') return people.liveAgent?.avatarUrl;
  return undefined;
}

/** Up to two initials for the avatar placeholder. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((word) => word !== '');
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toLocaleUpperCase();
}
