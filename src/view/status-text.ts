// What the status region (role="status") says: one sentence about the most relevant of connection,
// typing and handoff. The region changes only when that sentence changes, so screen readers hear
// each change once and never the transcript's chunks.
import type {PolyChatStrings} from '../i18n/strings.js';
import type {ChatSnapshot} from '../model/snapshot.js';
import {endReasonText} from './end-reason-text.js';
import {handoffLines} from './handoff-lines.js';
import {connectionNotice, connectionNoticeText} from './status-banner.js';
import {typingText} from './typing-indicator.js';

export type StatusKind = 'none' | 'connection' | 'ended' | 'typing' | 'handoff' | 'error' | 'live';

export interface StatusAnnouncement {
  readonly kind: StatusKind;
  readonly text: string;
}

export function statusAnnouncement(
  snapshot: ChatSnapshot,
  strings: PolyChatStrings,
  formatTime: (epochMs: number) => string,
): StatusAnnouncement {
  if (snapshot.status === 'idle') return {kind: 'none', text: ''};
  if (snapshot.status === 'ended') return {kind: 'ended', text: `${strings.statusEnded}. ${endReasonText(snapshot.endReason, strings)}`};
  const notice = connectionNotice(snapshot);
  if (notice && notice !== 'error') return {kind: 'connection', text: connectionNoticeText(notice, snapshot, strings, formatTime)};
  if (snapshot.typing) {
    const fallback =
      snapshot.typing.role === 'live-agent'
        ? (snapshot.liveAgent?.name ?? strings.liveAgentFallbackName)
        : (snapshot.agent?.name ?? strings.agentFallbackName);
    return {kind: 'typing', text: typingText(snapshot.typing, fallback, strings)};
  }
  const handoff = handoffLines(snapshot.handoff, snapshot.liveAgent, strings);
  if (handoff.length > 0) return {kind: 'handoff', text: handoff.join(' ')};
  if (notice === 'error') return {kind: 'error', text: strings.bannerError};
  return {kind: 'live', text: strings.statusLive};
}

/**
 * The region's next text. "Online" is worth saying when the chat (re)connects, not every time the
 * agent stops typing, so after anything but a connection notice the plain live state says nothing.
 */
export function nextStatusText(next: StatusAnnouncement, previous: StatusAnnouncement | null): string {
  if (next.kind === 'live' && previous !== null && previous.kind !== 'connection' && previous.kind !== 'none') return '';
  return next.text;
}
