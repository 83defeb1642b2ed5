// What a conversation shows only now and then: the thumbs (`feedback`), the handoff banner,
// attachments and call actions, with their styles. `import()`ed (lazy-part.ts) in idle time after
// the session chunk, or at once when one of them is needed first, so they cost the first paint of
// an open chat nothing. The end panel is not here: an ended chat needs it even offline. Nothing
// here imports lit, nor the helpers the transcript export shares: they are passed in
// (view/lit-tags.ts and view/rare-views.ts say why).
import type {CSSResult} from 'lit';
import type {RareViewKit, RareViews} from '../view/rare-views.js';
import {attachmentsRenderer} from '../view/attachment.js';
import {callActionsRenderer} from '../view/call-actions.js';
import {feedbackRenderer} from '../view/feedback.js';
import {handoffBannerRenderer} from '../view/handoff-banner.js';
import {rareViewsStyles} from './rare-views.styles.js';

export function createRareViews(kit: RareViewKit): RareViews & {readonly styles: CSSResult} {
  return {
    renderFeedback: feedbackRenderer(kit),
    renderHandoffBanner: handoffBannerRenderer(kit),
    renderAttachments: attachmentsRenderer(kit),
    renderCallActions: callActionsRenderer(kit),
    styles: rareViewsStyles(kit.css),
  };
}
