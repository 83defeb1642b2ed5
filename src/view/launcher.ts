// The floating button of launcher mode, with the unread count while the panel is closed. Its
// accessible name is its (partly visually hidden) content, so the visible count is part of it.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {formatCount} from '../i18n/format-count.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import {chatIcon, closeIcon} from './icons.js';

export interface LauncherViewOptions {
  readonly open: boolean;
  readonly unread: number;
  readonly strings: PolyChatStrings;
  /** id of the panel the button controls. */
  readonly panelId: string;
  readonly onToggle: () => void;
}

export function renderLauncher(options: LauncherViewOptions): TemplateResult {
  const {open, unread, strings} = options;
  const showBadge = !open && unread > 0;
  return html`<button
    type="button"
    part="launcher"
    class="launcher ${open ? 'is-open' : ''}"
    aria-expanded=${open ? 'true' : 'false'}
    aria-controls=${options.panelId}
    @click=${options.onToggle}
  >
    ${open ? closeIcon() : chatIcon()}
    <span class="visually-hidden">${open ? strings.launcherClose : strings.launcherOpen}</span>
    ${showBadge
      ? html`<span part="launcher-badge" class="badge"
          ><span aria-hidden="true">${unread > 99 ? '99+' : unread}</span
          ><span class="visually-hidden">${formatCount(strings, 'unreadCount', unread)}</span></span
        >`
      : nothing}
  </button>`;
}
