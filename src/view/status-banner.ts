// The connection banner: connecting, reconnecting (with the next retry time, no ticking countdown,
// and "Retry now"), offline, or an error. Not a live region: the element's status region announces.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {formatString} from '../i18n/format-string.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {ChatSnapshot} from '../model/snapshot.js';
import {alertIcon} from './icons.js';

export type ConnectionNotice = 'offline' | 'reconnecting' | 'connecting' | 'error';

/**
 * The status the panel shows: a history replay still going in on an open socket (the conversation
 * is already on screen) is shown as connected, not as "connecting", for the few frames until it is in.
 * Not this tab's copy of the conversation put back before any connection (`restored`).
 */
export function shownStatus(snapshot: ChatSnapshot): ChatSnapshot['status'] {
  return snapshot.status === 'connecting' && snapshot.replaying && snapshot.restored !== true ? 'live' : snapshot.status;
}

/** Which connection notice (if any) the snapshot calls for, most important first. */
export function connectionNotice(snapshot: ChatSnapshot): ConnectionNotice | null {
  const status = shownStatus(snapshot);
  if (status === 'ended' || status === 'idle') return null;
  if (snapshot.offline) return 'offline';
  if (status === 'reconnecting') return 'reconnecting';
  if (status === 'connecting') return 'connecting';
  if (snapshot.error) return 'error';
  return null;
}

/** The banner's sentences (also what the status region reads). */
export function connectionNoticeText(
  notice: ConnectionNotice,
  snapshot: ChatSnapshot,
  strings: PolyChatStrings,
  formatTime: (epochMs: number) => string,
): string {
  switch (notice) {
    case 'offline':
      return strings.bannerOffline;
    case 'connecting':
      // A first connection that failed and waits to try again says so, like a reconnect does.
      return snapshot.retry ? retryText(strings.bannerConnecting, snapshot.retry, strings, formatTime) : strings.bannerConnecting;
    case 'error':
      return strings.bannerError;
    case 'reconnecting':
      return snapshot.retry ? retryText(strings.bannerReconnecting, snapshot.retry, strings, formatTime) : strings.bannerReconnecting;
  }
}

function retryText(
  lead: string,
  retry: NonNullable<ChatSnapshot['retry']>,
  strings: PolyChatStrings,
  formatTime: (epochMs: number) => string,
): string {
  return [lead, formatString(strings.bannerAttempt, {attempt: retry.attempt}), formatString(strings.bannerRetryAt, {time: formatTime(retry.at)})].join(' ');
}

export interface StatusBannerOptions {
  readonly snapshot: ChatSnapshot;
  readonly strings: PolyChatStrings;
  readonly formatTime: (epochMs: number) => string;
  readonly onRetryNow: () => void;
}

export function renderStatusBanner(options: StatusBannerOptions): TemplateResult | typeof nothing {
  const {snapshot, strings} = options;
  const notice = connectionNotice(snapshot);
  if (!notice) return nothing;
  const text = connectionNoticeText(notice, snapshot, strings, options.formatTime);
  return html`<div part="status-banner" class="banner status-banner ${notice}" data-notice=${notice}>
    ${notice === 'connecting' ? html`<span class="spinner" aria-hidden="true"></span>` : alertIcon()}
    <p class="banner-text">${text}</p>
    ${notice === 'reconnecting' || notice === 'error' || (notice === 'connecting' && snapshot.retry)
      ? html`<button type="button" part="retry-now-button" class="banner-action" @click=${options.onRetryNow}>
          ${strings.bannerRetryNow}
        </button>`
      : nothing}
  </div>`;
}
