// A handoff phase in sentences: the handoff banner's text, also read by the status region.
import {formatCount} from '../i18n/format-count.js';
import {formatString} from '../i18n/format-string.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {AgentInfo, HandoffInfo} from '../model/snapshot.js';
import {safeLinkUrl} from './safe-url.js';

function waitText(seconds: number, strings: PolyChatStrings): string {
  return seconds < 60 ? strings.handoffWaitUnderMinute : formatCount(strings, 'handoffWaitMinutes', Math.ceil(seconds / 60));
}

/** The banner's sentences for a handoff phase (also read by the status region). */
export function handoffLines(handoff: HandoffInfo, liveAgent: AgentInfo | null, strings: PolyChatStrings): string[] {
  const name = liveAgent?.name?.trim();
  switch (handoff.phase) {
    case 'none':
      return [];
    case 'requested':
      return [handoff.displayMessage?.trim() || strings.handoffRequested];
    case 'queued': {
      if (handoff.displayMessage?.trim()) return [handoff.displayMessage.trim()];
      const lines = [handoff.queueName ? formatString(strings.handoffQueuedNamed, {queue: handoff.queueName}) : strings.handoffQueued];
      if (typeof handoff.positionInQueue === 'number' && handoff.positionInQueue > 0) {
        lines.push(formatCount(strings, 'handoffPosition', handoff.positionInQueue));
      }
      if (typeof handoff.estimatedWaitSeconds === 'number' && handoff.estimatedWaitSeconds >= 0) {
        lines.push(waitText(handoff.estimatedWaitSeconds, strings));
      }
      return lines;
    }
    case 'connected':
      return [name ? formatString(strings.handoffConnected, {name}) : strings.handoffConnectedGeneric];
    case 'agent-left':
      return [name ? formatString(strings.handoffAgentLeft, {name}) : strings.handoffAgentLeftGeneric];
    case 'client-required': {
      const lines = [handoff.displayMessage?.trim() || strings.handoffClientRequired];
      if (!safeLinkUrl(handoff.route)) {
        lines.push(handoff.queueName ? formatString(strings.handoffClientQueue, {queue: handoff.queueName}) : strings.handoffClientGeneric);
      }
      return lines;
    }
    case 'failed':
      return [strings.handoffFailed];
    case 'timeout':
      return [strings.handoffTimeout];
  }
}
