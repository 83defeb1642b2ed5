// Handoff to a person: being connected, queue position and wait, the live agent's name once joined,
// the agent leaving, client-managed handoff (a safe link to the route or the queue name), and
// failure / timeout with a way forward (keep chatting here; dismissible).
// Comes with rare-views-chunk.ts, so it gets lit's tags and its helpers from its loader (rare-views.ts).
import type {PolyChatStrings} from '../i18n/strings.js';
import type {AgentInfo, HandoffInfo} from '../model/snapshot.js';
import {alertIcon, personIcon} from './icons.js';
import type {RareViewKit} from './rare-views.js';

export interface HandoffBannerOptions {
  readonly handoff: HandoffInfo;
  readonly liveAgent: AgentInfo | null;
  readonly strings: PolyChatStrings;
  readonly onDismiss: () => void;
}

const DISMISSIBLE: ReadonlySet<string> = new Set(['connected', 'agent-left', 'client-required', 'failed', 'timeout']);

export const handoffBannerRenderer =
  ({html, nothing, handoffLines, renderLink, safeLinkUrl}: RareViewKit) =>
  (options: HandoffBannerOptions): unknown => {
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
  };
