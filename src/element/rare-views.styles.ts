// Styles of the views that come with rare-views-chunk.ts (the thumbs, the handoff banner,
// attachments, call actions), adopted after the panel's when that chunk arrives; they read
// the same private custom properties (poly-chat.styles.ts). The banner and button rules they build
// on stay in panel.styles.ts. A function of lit's `css`, passed in (view/lit-tags.ts says why).
import type {CSSResult, css as litCss} from 'lit';

export const rareViewsStyles = (css: typeof litCss): CSSResult => css`
  /* ---- handoff banner ---- */
  .handoff-banner.failed,
  .handoff-banner.timeout {
    background: var(--_poly-chat-default-error-surface);
    color: var(--_poly-chat-default-error-text);
  }
  .handoff-banner {
    background: var(--_poly-chat-live-agent-bubble);
    color: var(--_poly-chat-live-agent-bubble-text);
  }
  .handoff-banner a {
    color: inherit;
    font-weight: 600;
  }
  .handoff-banner .icon-button {
    inline-size: auto;
    padding-inline: 10px;
    font-size: 0.875em;
    text-decoration: underline;
  }

  /* ---- attachments ---- */
  .attachments {
    display: flex;
    flex-direction: column;
    gap: 8px;
    inline-size: 100%;
  }
  .card {
    inline-size: min(280px, 100%);
    overflow: hidden;
    border: 1px solid var(--_poly-chat-border);
    border-radius: 14px;
    background: var(--_poly-chat-background);
  }
  .card .preview {
    display: block;
    inline-size: 100%;
    block-size: 140px;
    object-fit: cover;
    background: var(--_poly-chat-surface);
  }
  .card-body {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 10px 12px;
  }
  .card-title {
    font-weight: 600;
  }
  .card-body a {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
    min-block-size: 36px;
    padding: 6px 12px;
    border-radius: 10px;
    background: var(--_poly-chat-surface);
    border: 1px solid var(--_poly-chat-border);
    color: var(--_poly-chat-accent);
    font-weight: 600;
    text-decoration: none;
  }
  .card-body a:hover {
    text-decoration: underline;
  }
  .figure {
    margin: 0;
    max-inline-size: min(280px, 100%);
  }
  .figure img {
    display: block;
    max-inline-size: 100%;
    border-radius: 14px;
    border: 1px solid var(--_poly-chat-border);
  }
  .figure figcaption {
    margin-block-start: 4px;
    font-size: 0.8125em;
    color: var(--_poly-chat-muted);
  }

  .call-action .icon {
    inline-size: 16px;
    block-size: 16px;
  }

  /* ---- thumbs (feedback) ---- */
  .feedback {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 2px;
    color: var(--_poly-chat-muted);
  }
  .feedback.conversation {
    justify-content: center;
    gap: 6px;
  }
  .feedback-question,
  .feedback-thanks {
    flex-basis: 100%;
    font-size: 0.875em;
  }
  .feedback-button {
    inline-size: 32px;
    block-size: 32px;
  }
  .feedback-button:hover {
    background: var(--_poly-chat-surface);
  }
  .feedback-button[aria-pressed='true'] {
    color: var(--_poly-chat-accent);
    background: var(--_poly-chat-surface);
  }
  .feedback-button[aria-pressed='true'] .stroke {
    fill: currentColor;
    fill-opacity: 0.25;
  }
  .thumb-down {
    transform: rotate(180deg);
    transform-origin: center;
  }
  @media (forced-colors: active) {
    .feedback-button[aria-pressed='true'] {
      outline: 2px solid ButtonText;
    }
  }
`;
