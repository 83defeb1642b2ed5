// The views that come with their own chunk (element/rare-views-chunk.ts), as the panel's views see
// them: null until that chunk is here, when they render nothing in their place and ask for it.
import type {AttachmentsRenderer} from './attachment.js';
import type {CallActionsRenderer} from './call-actions.js';
import type {FeedbackViewOptions} from './feedback.js';
import type {HandoffBannerOptions} from './handoff-banner.js';
import type {handoffLines} from './handoff-lines.js';
import type {renderLink} from './link.js';
import type {LitTags} from './lit-tags.js';
import type {safeImageUrl, safeLinkUrl, telUrl} from './safe-url.js';

/**
 * What the rare views get from the session chunk instead of importing it: lit's tags, and the
 * helpers the transcript export uses too. A module imported by the session chunk and by two of its
 * lazy chunks is split by rolldown into a chunk of its own, which the session chunk then loads at
 * once; passed in, they stay in the session chunk.
 */
export interface RareViewKit extends LitTags {
  readonly renderLink: typeof renderLink;
  readonly safeLinkUrl: typeof safeLinkUrl;
  readonly safeImageUrl: typeof safeImageUrl;
  readonly telUrl: typeof telUrl;
  readonly handoffLines: typeof handoffLines;
}

export interface RareViews {
  readonly renderFeedback: (options: FeedbackViewOptions) => unknown;
  readonly renderHandoffBanner: (options: HandoffBannerOptions) => unknown;
  readonly renderAttachments: AttachmentsRenderer;
  readonly renderCallActions: CallActionsRenderer;
}
