// Styles of the chat panel's content (header, buttons, banners, transcript, typing indicator, end
// panel, composer) and the user-preference overrides of everything. They come with the lazily
// loaded session chunk and are adopted after the element's own styles (poly-chat.styles.ts), whose
// private custom properties they read. The preference blocks are adopted last (see session-chunk.ts)
// so that forced colors and reduced motion win over every earlier rule.
import {css, unsafeCSS} from 'lit';
import {forcedColorsBorders} from './forced-colors.styles.js';

export const panelStyles = css`
  /* ---- header ---- */
  .header {
    display: flex;
    align-items: center;
    gap: var(--_poly-chat-spacing);
    padding: var(--_poly-chat-spacing) calc(var(--_poly-chat-spacing) * 1.25);
    background: var(--_poly-chat-accent);
    color: var(--_poly-chat-accent-text);
    flex: none;
  }
  .header-main {
    display: flex;
    align-items: center;
    gap: 10px;
    flex: 1;
    min-inline-size: 0;
  }
  .header-avatar {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    flex: none;
    overflow: hidden;
    border-radius: 50%;
    background: var(--_poly-chat-accent-text);
    color: var(--_poly-chat-accent);
    font-weight: 700;
    font-size: calc(14em / 15); /* 14px at the default 15px */
  }
  .header-avatar img,
  .avatar img {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    background: inherit;
  }
  .header-text {
    min-inline-size: 0;
  }
  .header-title {
    font-weight: 650;
    font-size: 1.0625em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .header-status {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 0.8125em;
  }
  .status-dot {
    inline-size: 8px;
    block-size: 8px;
    border-radius: 50%;
    background: #94a3b8;
    box-shadow: 0 0 0 2px var(--_poly-chat-accent-text);
  }
  .status-dot.live,
  .status-dot.handoff {
    background: #22c55e;
  }
  .status-dot.connecting,
  .status-dot.reconnecting {
    background: #f59e0b;
  }
  .header-actions {
    display: flex;
    gap: 4px;
    flex: none;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    inline-size: 36px;
    block-size: 36px;
    padding: 0;
    border: none;
    border-radius: 10px;
    background: transparent;
    color: inherit;
  }
  .header .icon-button:hover {
    background: rgb(255 255 255 / 0.16);
  }
  .header :focus-visible {
    outline-color: var(--_poly-chat-accent-text);
  }

  .leave-confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 10px calc(var(--_poly-chat-spacing) * 1.25);
    background: var(--_poly-chat-surface);
    border-block-end: 1px solid var(--_poly-chat-border);
    flex: none;
  }
  .leave-confirm-actions {
    display: flex;
    gap: 8px;
  }

  /* ---- buttons ---- */
  .primary-button,
  .danger-button,
  .secondary-button,
  .banner-action {
    min-block-size: 36px;
    padding: 6px 14px;
    border-radius: 999px;
    font-weight: 600;
    font-size: 0.875em;
    border: 1px solid transparent;
  }
  .primary-button {
    background: var(--_poly-chat-accent);
    color: var(--_poly-chat-accent-text);
  }
  .primary-button:disabled {
    opacity: 0.6;
  }
  .danger-button {
    background: var(--_poly-chat-error);
    color: #ffffff;
  }
  .secondary-button,
  .banner-action {
    background: var(--_poly-chat-background);
    color: var(--_poly-chat-text);
    border-color: var(--_poly-chat-border);
  }
  .link-button {
    padding: 0;
    border: none;
    background: none;
    color: inherit;
    font-weight: 600;
    text-decoration: underline;
  }

  /* ---- banners ---- */
  .banner {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px calc(var(--_poly-chat-spacing) * 1.25);
    font-size: 0.875em;
    background: var(--_poly-chat-warning);
    color: var(--_poly-chat-default-warning-text);
    border-block-end: 1px solid var(--_poly-chat-border);
    flex: none;
  }
  .banner-text {
    flex: 1;
    min-inline-size: 0;
  }
  .banner-text p + p {
    margin-block-start: 2px;
  }
  .status-banner.connecting {
    background: var(--_poly-chat-surface);
    color: var(--_poly-chat-text);
  }
  .status-banner.error {
    background: var(--_poly-chat-default-error-surface);
    color: var(--_poly-chat-default-error-text);
  }
  .spinner {
    inline-size: 16px;
    block-size: 16px;
    flex: none;
    border-radius: 50%;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    animation: poly-chat-spin 0.8s linear infinite;
  }
  @keyframes poly-chat-spin {
    to {
      transform: rotate(360deg);
    }
  }

  /* ---- transcript ---- */
  .transcript {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_poly-chat-spacing) calc(var(--_poly-chat-spacing) * 1.25);
  }
  .transcript:focus-visible {
    outline-offset: -3px;
  }
  .transcript-content {
    display: flex;
    flex-direction: column;
    min-block-size: 100%;
  }
  .messages {
    display: flex;
    flex-direction: column;
    margin-block-start: auto;
  }
  .show-earlier {
    align-self: center;
    margin-block-end: var(--_poly-chat-spacing);
    font-size: 0.875em;
    color: var(--_poly-chat-accent);
  }
  .empty-state {
    margin-block: auto;
    padding: calc(var(--_poly-chat-spacing) * 2) var(--_poly-chat-spacing);
    text-align: center;
    color: var(--_poly-chat-muted);
  }
  .empty-title {
    font-size: 1.125em;
    font-weight: 650;
    color: var(--_poly-chat-text);
    margin-block-end: 4px;
  }

  /* ---- typing indicator ---- */
  .typing-indicator {
    align-self: flex-start;
    display: inline-flex;
    margin-block-start: var(--_poly-chat-spacing);
    margin-inline-start: calc(var(--_poly-chat-avatar-size) + 8px);
    padding: 12px 14px;
    border-radius: var(--_poly-chat-bubble-radius);
    border-end-start-radius: 6px;
    background: var(--_poly-chat-agent-bubble);
    color: var(--_poly-chat-muted);
  }
  .dots {
    display: inline-flex;
    gap: 4px;
  }
  .dots span {
    inline-size: 7px;
    block-size: 7px;
    border-radius: 50%;
    background: currentColor;
    animation: poly-chat-bounce 1.2s infinite ease-in-out;
  }
  .dots span:nth-child(2) {
    animation-delay: 0.15s;
  }
  .dots span:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes poly-chat-bounce {
    0%,
    60%,
    100% {
      transform: translateY(0);
      opacity: 0.5;
    }
    30% {
      transform: translateY(-4px);
      opacity: 1;
    }
  }

  /* ---- end panel (here, not with the rare views: an ended chat always offers its buttons) ---- */
  .end-panel {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 10px;
    padding: var(--_poly-chat-spacing) calc(var(--_poly-chat-spacing) * 1.25);
    border-block-start: 1px solid var(--_poly-chat-border);
    background: var(--_poly-chat-surface);
    text-align: center;
    flex: none;
  }
  .end-text {
    font-size: 0.875em;
  }

  /* ---- composer ---- */
  .composer {
    flex: none;
    padding: 10px var(--_poly-chat-spacing) var(--_poly-chat-spacing);
    border-block-start: 1px solid var(--_poly-chat-border);
    background: var(--_poly-chat-background);
  }
  .composer-field {
    display: flex;
    align-items: flex-end;
    gap: 6px;
    padding: 4px 4px 4px 14px;
    padding-inline: 14px 4px;
    border: 1px solid var(--_poly-chat-border);
    border-radius: 22px;
    background: var(--_poly-chat-surface);
    transition: border-color var(--_poly-chat-duration) ease;
  }
  .composer-field:focus-within {
    border-color: var(--_poly-chat-focus-ring);
    box-shadow: 0 0 0 1px var(--_poly-chat-focus-ring);
  }
  .composer-field.invalid {
    border-color: var(--_poly-chat-error);
  }
  .input {
    flex: 1;
    min-inline-size: 0;
    min-block-size: 36px;
    max-block-size: 9.6em; /* 144px at the default 15px */
    padding: 7px 0;
    border: none;
    background: transparent;
    resize: none;
    line-height: 1.4;
  }
  .input:focus,
  .input:focus-visible {
    /* The field's ring (:focus-within) shows focus. */
    outline: none;
  }
  .input::placeholder {
    color: var(--_poly-chat-muted);
    opacity: 1;
  }
  .input:disabled {
    cursor: not-allowed;
  }
  .send-button {
    display: grid;
    place-items: center;
    flex: none;
    inline-size: 36px;
    block-size: 36px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--_poly-chat-accent);
    color: var(--_poly-chat-accent-text);
    transition: opacity var(--_poly-chat-duration) ease;
  }
  .send-button.idle,
  .send-button:disabled {
    opacity: 0.45;
  }
  .send-button .icon {
    inline-size: 18px;
    block-size: 18px;
  }
  .composer-error {
    margin-block-start: 6px;
    padding-inline: 14px;
    font-size: 0.8125em;
    color: var(--_poly-chat-error);
  }
`;

export const preferenceStyles = css`
  /* ---- user preferences ---- */
  /* The launcher, the panel frame and :host's durations are the element's own sheet's. */
  @media (prefers-reduced-motion: reduce) {
    .dots span,
    .spinner,
    .message.streaming .bubble > :last-child::after {
      animation: none;
    }
  }

  @media (forced-colors: active) {
    ${forcedColorsBorders}
    .send-button,
    .primary-button,
    .danger-button {
      background: ButtonFace;
      color: ButtonText;
      border-color: ButtonText;
    }
    .status-dot,
    .dots span {
      background: CanvasText;
    }
    .send-button.idle,
    .send-button:disabled,
    .primary-button:disabled {
      opacity: 1;
      color: GrayText;
      border-color: GrayText;
    }
    .header :focus-visible {
      outline: 2px solid Highlight;
    }
    .composer-field:focus-within {
      outline: 2px solid Highlight;
    }
  }
`;

// Newer than lit-analyzer's CSS grammar (see poly-chat.styles.ts). The transcript's scrollbar in the
// palette's colours: Firefox drew a white track down a dark theme's transcript.
export const modernPanelStyles = unsafeCSS(`
  .transcript { scrollbar-gutter: stable; scrollbar-color: var(--_poly-chat-border) transparent; }
  .input { field-sizing: content; }
  @media (forced-colors: active) { .status-dot, .dots span { forced-color-adjust: none; } }
`);
