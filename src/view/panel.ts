// The chat panel's content: header, connection and handoff banners, the transcript, the end panel
// and the composer (the handoff banner comes a moment later when its chunk is not here yet:
// rare-views.ts; the end panel never waits for it). Lazily loaded with the session
// (element/session-chunk.ts): the standalone bundle renders the launcher and the panel frame, and
// this as soon as the chunk is there.
import type {TemplateResult} from 'lit';
import {html, nothing} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {ChatSnapshot} from '../model/snapshot.js';
import {renderComposer} from './composer.js';
import type {ComposerViewOptions} from './composer.js';
import {renderEndPanel} from './end-panel.js';
import {renderHeader} from './header.js';
import type {HeaderViewOptions} from './header.js';
import type {RareViews} from './rare-views.js';
import {renderStatusBanner} from './status-banner.js';
import {renderTranscript} from './transcript.js';
import type {TranscriptViewOptions} from './transcript.js';

export interface PanelViewOptions {
  readonly snapshot: ChatSnapshot;
  readonly strings: PolyChatStrings;
  readonly header: Omit<HeaderViewOptions, 'snapshot' | 'strings'>;
  readonly formatTime: (epochMs: number) => string;
  readonly onRetryNow: () => void;
  /** The handoff banner is shown (not dismissed, not ended). */
  readonly handoffVisible: boolean;
  readonly onDismissHandoff: () => void;
  readonly transcript: Omit<TranscriptViewOptions, 'snapshot' | 'strings'>;
  readonly restarting: boolean;
  readonly onRestart: (event: Event) => void;
  readonly onReconnect: (event: Event) => void;
  /** The end-of-chat rating, or nothing (also while the rare views load). */
  readonly endFeedback: unknown;
  readonly composer: Omit<ComposerViewOptions, 'strings' | 'ended'>;
  /** The handoff banner comes with these (view/rare-views.ts); null while they load. */
  readonly rareViews: RareViews | null;
  readonly needRareViews: () => void;
}

/** A view of the rare views' chunk, or nothing while it loads (the render comes again). */
function rare(options: PanelViewOptions, render: (views: RareViews) => unknown): unknown {
  if (options.rareViews) return render(options.rareViews);
  options.needRareViews();
  return nothing;
}

export function renderPanelContent(options: PanelViewOptions): TemplateResult {
  const {snapshot, strings} = options;
  const ended = snapshot.status === 'ended';
  return html`${renderHeader({snapshot, strings, ...options.header})}
  ${renderStatusBanner({
    snapshot,
    strings,
    formatTime: options.formatTime,
    onRetryNow: options.onRetryNow,
  })}
  ${options.handoffVisible
    ? rare(options, (views) =>
        views.renderHandoffBanner({
          handoff: snapshot.handoff,
          liveAgent: snapshot.liveAgent,
          strings,
          onDismiss: options.onDismissHandoff,
        }),
      )
    : nothing}
  ${renderTranscript({snapshot, strings, ...options.transcript})}
  ${ended
    ? renderEndPanel({
        reason: snapshot.endReason,
        strings,
        restarting: options.restarting,
        onRestart: options.onRestart,
        onReconnect: options.onReconnect,
        reconnectable: snapshot.reconnectable,
        feedback: options.endFeedback,
      })
    : nothing}
  ${renderComposer({strings, ended, ...options.composer})}`;
}
