// The panel header: the `header` slot (default: agent avatar, title and status line), then the
// actions: download the conversation (opt-in), leave chat (with an inline confirmation, never
// window.confirm) and, in launcher mode, minimise.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {ChatSnapshot, PolyChatStatus} from '../model/snapshot.js';
import {initials} from './author.js';
import {downloadIcon, hideBrokenImage, leaveIcon, minimizeIcon} from './icons.js';
import {safeImageUrl} from './safe-url.js';
import {shownStatus} from './status-banner.js';

export interface HeaderViewOptions {
  readonly snapshot: ChatSnapshot;
  readonly strings: PolyChatStrings;
  readonly launcher: boolean;
  readonly confirmingLeave: boolean;
  readonly onLeave: () => void;
  readonly onConfirmLeave: (event: Event) => void;
  readonly onCancelLeave: () => void;
  readonly onMinimize: () => void;
  /** Offer the "download conversation" action (`transcript-export` set, and something to download). */
  readonly exportable: boolean;
  readonly onExport: () => void;
}

/** Statuses in which there is a conversation to leave. */
export function canLeave(status: PolyChatStatus): boolean {
  return status === 'live' || status === 'handoff' || status === 'reconnecting' || status === 'connecting';
}

export function statusLabel(snapshot: ChatSnapshot, strings: PolyChatStrings): string {
  if (snapshot.offline && snapshot.status !== 'ended' && snapshot.status !== 'idle') return strings.statusOffline;
  switch (shownStatus(snapshot)) {
    case 'idle':
      return strings.statusIdle;
    case 'connecting':
      return strings.statusConnecting;
    case 'live':
      return strings.statusLive;
    case 'handoff':
      // Once a person joined, the title carries their name; the status line just says they are here.
      return snapshot.handoff.phase === 'connected' ? strings.statusLive : strings.statusHandoff;
    case 'reconnecting':
      return strings.statusReconnecting;
    case 'ended':
      return strings.statusEnded;
  }
}

function renderIdentity(snapshot: ChatSnapshot, strings: PolyChatStrings): TemplateResult {
  const person = snapshot.handoff.phase === 'connected' ? snapshot.liveAgent : null;
  const who = person ?? snapshot.agent;
  const title = who?.name?.trim() || strings.headerTitle;
  const avatar = safeImageUrl(who?.avatarUrl);
  return html`<span class="header-avatar" aria-hidden="true"
      >${initials(title)}${avatar
        ? html`<img src=${avatar} alt="" referrerpolicy="no-referrer" @error=${hideBrokenImage} />`
        : nothing}</span
    >
    <div class="header-text">
      <p class="header-title">${title}</p>
      <p class="header-status"><span class="status-dot ${shownStatus(snapshot)}" aria-hidden="true"></span>${statusLabel(snapshot, strings)}</p>
    </div>`;
}

/**
 * A header action: an icon with its label as accessible name and tooltip; `part` is its part and class.
 * `disclosure`: it shows and hides the element `controls` (aria-expanded; aria-controls while shown).
 */
function iconButton(
  part: string,
  label: string,
  icon: TemplateResult,
  onClick: () => void,
  disclosure?: {readonly expanded: boolean; readonly controls: string},
): TemplateResult {
  return html`<button
    type="button"
    part=${part}
    class="icon-button ${part}"
    aria-label=${label}
    title=${label}
    aria-expanded=${disclosure ? (disclosure.expanded ? 'true' : 'false') : nothing}
    aria-controls=${disclosure?.expanded ? disclosure.controls : nothing}
    @click=${onClick}
  >
    ${icon}
  </button>`;
}

export function renderHeader(options: HeaderViewOptions): TemplateResult {
  const {snapshot, strings} = options;
  const leavable = canLeave(snapshot.status);
  return html`<header part="header" class="header">
      <div class="header-main">
        <slot name="header">${renderIdentity(snapshot, strings)}</slot>
      </div>
      <div class="header-actions">
        ${options.exportable ? iconButton('export-button', strings.exportTranscript, downloadIcon(), options.onExport) : nothing}
        ${leavable
          ? iconButton('leave-button', strings.leaveChat, leaveIcon(), options.confirmingLeave ? options.onCancelLeave : options.onLeave, {
              expanded: options.confirmingLeave,
              controls: 'leave-confirm',
            })
          : nothing}
        ${options.launcher ? iconButton('minimize-button', strings.minimize, minimizeIcon(), options.onMinimize) : nothing}
      </div>
    </header>
    ${leavable && options.confirmingLeave
      ? html`<div id="leave-confirm" part="leave-confirm" class="leave-confirm" role="group" aria-labelledby="leave-question">
          <p id="leave-question">${strings.leaveConfirmQuestion}</p>
          <div class="leave-confirm-actions">
            <button type="button" part="leave-confirm-button" class="danger-button" @click=${options.onConfirmLeave}>
              ${strings.leaveConfirm}
            </button>
            <button type="button" part="leave-cancel-button" class="secondary-button" @click=${options.onCancelLeave}>
              ${strings.leaveCancel}
            </button>
          </div>
        </div>`
      : nothing}`;
}
