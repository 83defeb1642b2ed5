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

/**
 * UTF-8 bytes of the USER_MESSAGE frame that carries `text` (protocol §4.1, §5.1), written out here
 * rather than taken from src: the limit a session advertises is on the whole WebSocket message.
 */
export function userMessageFrameBytes(text: string): number {
  const uuid = `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`;
  const frame = `{"type":"EVENT_TYPE_USER_MESSAGE","payload":{"text":${JSON.stringify(text)}},"metadata":{"custom":{"client_event_id":"${uuid}"}}}`;
  return new TextEncoder().encode(frame).length;
}
