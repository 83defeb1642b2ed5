// Builders for transcript messages in tests.
import type {PolyChatMessage} from '../../../src/protocol/message.js';

let counter = 0;
const nextId = (prefix: string): string => `${prefix}-${++counter}`;

export function agentMessage(text: string, extra: Partial<PolyChatMessage> = {}): PolyChatMessage {
  return {id: nextId('agent'), role: 'agent', text, complete: true, attachments: [], suggestions: [], ...extra};
}

export function liveAgentMessage(text: string, extra: Partial<PolyChatMessage> = {}): PolyChatMessage {
  return {id: nextId('live'), role: 'live-agent', text, complete: true, attachments: [], suggestions: [], ...extra};
}

export function userMessage(text: string, extra: Partial<PolyChatMessage> = {}): PolyChatMessage {
  const id = nextId('user');
  return {id, role: 'user', text, complete: true, delivery: 'sent', clientEventId: `cev-${id}`, attachments: [], suggestions: [], ...extra};
}

export function systemMessage(text: string, extra: Partial<PolyChatMessage> = {}): PolyChatMessage {
  return {id: nextId('system'), role: 'system', text, complete: true, attachments: [], suggestions: [], ...extra};
}
