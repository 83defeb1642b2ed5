// Handoff to a person: being connected, queue position and wait, the live agent's name once joined,
// the agent leaving, client-managed handoff (a safe link to the route or the queue name), and
// failure / timeout with a way forward (keep chatting here; dismissible).
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {formatCount} from '../i18n/format-count.js';
import {formatString} from '../i18n/format-string.js';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {AgentInfo, HandoffInfo} from '../model/snapshot.js';
import {alertIcon, personIcon} from './icons.js';
import {renderLink} from './link.js';
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

export interface HandoffBannerOptions {
  readonly handoff: HandoffInfo;
  readonly liveAgent: AgentInfo | null;
  readonly strings: PolyChatStrings;
  readonly onDismiss: () => void;
}

const DISMISSIBLE: ReadonlySet<string> = new Set(['connected', 'agent-left', 'client-required', 'failed', 'timeout']);

export function renderHandoffBanner(options: HandoffBannerOptions): TemplateResult | typeof nothing {
  const {handoff, strings} = options;
  const lines = handoffLines(handoff, options.liveAgent, strings);
  if (lines.length === 0) return nothing;
  const route = handoff.phase === 'client-required' ? safeLinkUrl(handoff.route) : null;
  const problem = handoff.phase === 'failed' || handoff.phase === 'timeout';
  const waiting = handoff.phase === 'requested' || handoff.phase === 'queued';
  return html`<div part="handoff-banner" class="banner handoff-banner ${handoff.phase}" data-phase=${handoff.phase}>
    ${problem ? alertIcon() : waiting ? html`<span class="spinner" aria-hidden="true"></span>` : personIcon()}
    <div class="banner-text">
      ${lines.map((line) => html`<p dir="auto">${line}</p>`)}
      ${route ? html`<p>${renderLink(route, strings.handoffClientRouteLink, strings, 'handoff-link')}</p>` : nothing}
    </div>
    ${DISMISSIBLE.has(handoff.phase)
      ? html`<button type="button" part="dismiss-button" class="banner-action icon-button" @click=${options.onDismiss}>
          ${strings.dismiss}
        </button>`
      : nothing}
  </div>`;
}
