// Shown once the session ended: a reason-specific sentence and "Start a new conversation".
import {html} from 'lit';
import type {TemplateResult} from 'lit';
import type {PolyChatStrings, PolyChatStringKey} from '../i18n/strings.js';

// The SDKs also use lowercase reasons (protocol §11.3); both forms are accepted.
const REASON_KEYS: Readonly<Record<string, PolyChatStringKey>> = {
  REASON_USER_END: 'endUser',
  user_ended: 'endUser',
  REASON_NATURAL_END: 'endNatural',
  normal: 'endNatural',
  agent_ended: 'endNatural',
  REASON_USER_ABANDONED: 'endAbandoned',
  expired: 'endExpired',
  failed: 'endFailed',
};

/** The string explaining why the conversation ended; unknown reasons get the generic one. */
export function endReasonText(reason: string | null, strings: PolyChatStrings): string {
  const key = reason !== null && Object.hasOwn(REASON_KEYS, reason) ? REASON_KEYS[reason] : undefined;
  return strings[key ?? 'endGeneric'];
}

export interface EndPanelOptions {
  readonly reason: string | null;
  readonly strings: PolyChatStrings;
  readonly restarting: boolean;
  readonly onRestart: (event: Event) => void;
}

export function renderEndPanel(options: EndPanelOptions): TemplateResult {
  return html`<div part="end-panel" class="end-panel" data-reason=${options.reason ?? ''}>
    <p class="end-text">${endReasonText(options.reason, options.strings)}</p>
    <button
      type="button"
      part="restart-button"
      class="primary-button restart-button"
      ?disabled=${options.restarting}
      @click=${options.onRestart}
    >
      ${options.strings.restart}
    </button>
  </div>`;
}
