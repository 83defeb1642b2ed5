// System notices the transcript writes itself for protocol events. The UI localises them through
// `noticeKey` + `noticeParams`; `text` is the English fallback.
import {knownEndReason} from './end-reason.js';
import type {SystemMessageLevel} from './wire.js';

export const NOTICE_KEYS = {
  /** POLY_AGENT_TRIGGERED_HANDOFF: a person is being connected. */
  handoffRequested: 'handoff-requested',
  /** LIVE_AGENT_JOINED; params {name} when known. */
  liveAgentJoined: 'live-agent-joined',
  /** LIVE_AGENT_LEFT; params {name} when known. */
  liveAgentLeft: 'live-agent-left',
  /** CLIENT_HANDOFF_REQUIRED; params {route} when given. */
  clientHandoffRequired: 'client-handoff-required',
  handoffFailed: 'handoff-failed',
  handoffTimeout: 'handoff-timeout',
  /** SESSION_END; params {reason}. */
  sessionEnded: 'session-ended',
} as const;

export type NoticeKey = (typeof NOTICE_KEYS)[keyof typeof NOTICE_KEYS];

export const NOTICE_LEVELS: Readonly<Record<NoticeKey, SystemMessageLevel>> = {
  'handoff-requested': 'info',
  'live-agent-joined': 'info',
  'live-agent-left': 'info',
  'client-handoff-required': 'info',
  'handoff-failed': 'warning',
  'handoff-timeout': 'warning',
  'session-ended': 'info',
};

function endedText(reason: string | undefined): string {
  switch (knownEndReason(reason)) {
    case 'REASON_USER_END':
      return 'You ended the chat.';
    case 'REASON_USER_ABANDONED':
      return 'The chat ended after a period of inactivity.';
    default:
      return 'The chat has ended.';
  }
}

/** English text of a notice. */
export function noticeText(key: NoticeKey, params: Readonly<Record<string, string>> | undefined): string {
  const name = params?.['name'];
  switch (key) {
    case 'handoff-requested':
      return 'Connecting you to a person…';
    case 'live-agent-joined':
      return name === undefined ? 'An agent joined the chat.' : `${name} joined the chat.`;
    case 'live-agent-left':
      return name === undefined ? 'The agent left the chat.' : `${name} left the chat.`;
    case 'client-handoff-required':
      return 'This conversation continues with our support team elsewhere.';
    case 'handoff-failed':
      return 'We could not connect you to an agent.';
    case 'handoff-timeout':
      return 'No agent was available in time.';
    case 'session-ended':
      return endedText(params?.['reason']);
  }
}
