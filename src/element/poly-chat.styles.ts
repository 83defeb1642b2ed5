// Styles of <poly-chat>: css`` only (adopted stylesheets), no inline style attributes anywhere, so
// the element works under `style-src 'self'`. Public `--poly-chat-*` properties are read once into
// private `--_poly-chat-*` ones (Spectrum's pattern); defaults come from a light or dark palette
// (`--_poly-chat-default-*`), chosen by prefers-color-scheme unless `theme` forces one.
// Logical properties only, so RTL needs no extra rules (bar flipping directional icons).
import {css, unsafeCSS} from 'lit';

export const styles = css`
  :host {
    /* Light palette (defaults). */
    --_poly-chat-default-accent: #4f46e5;
    --_poly-chat-default-accent-text: #ffffff;
    --_poly-chat-default-background: #ffffff;
    --_poly-chat-default-surface: #f8fafc;
    --_poly-chat-default-text: #0f172a;
    --_poly-chat-default-muted: #5b6b80;
    --_poly-chat-default-border: #e2e8f0;
    --_poly-chat-default-agent-bubble: #f1f5f9;
    --_poly-chat-default-agent-bubble-text: #0f172a;
    --_poly-chat-default-live-agent-bubble: #ecfdf5;
    --_poly-chat-default-live-agent-bubble-text: #064e3b;
    --_poly-chat-default-system: #5b6b80;
    --_poly-chat-default-error: #c81e1e;
    --_poly-chat-default-error-surface: #fef2f2;
    --_poly-chat-default-error-text: #7f1d1d;
    --_poly-chat-default-warning: #fffbeb;
    --_poly-chat-default-warning-text: #713f12;
    --_poly-chat-default-code: rgb(15 23 42 / 0.07);
    --_poly-chat-default-shadow: 0 12px 40px rgb(15 23 42 / 0.18), 0 2px 8px rgb(15 23 42 / 0.08);

    /* Public → private. */
    --_poly-chat-accent: var(--poly-chat-accent-color, var(--_poly-chat-default-accent));
    --_poly-chat-accent-text: var(--poly-chat-accent-text-color, var(--_poly-chat-default-accent-text));
    --_poly-chat-background: var(--poly-chat-background, var(--_poly-chat-default-background));
    --_poly-chat-surface: var(--poly-chat-surface-color, var(--_poly-chat-default-surface));
    --_poly-chat-text: var(--poly-chat-text-color, var(--_poly-chat-default-text));
    --_poly-chat-muted: var(--poly-chat-muted-text-color, var(--_poly-chat-default-muted));
    --_poly-chat-border: var(--poly-chat-border-color, var(--_poly-chat-default-border));
    --_poly-chat-user-bubble: var(--poly-chat-user-bubble-background, var(--_poly-chat-accent));
    --_poly-chat-user-bubble-text: var(--poly-chat-user-bubble-color, var(--_poly-chat-accent-text));
    --_poly-chat-agent-bubble: var(--poly-chat-agent-bubble-background, var(--_poly-chat-default-agent-bubble));
    --_poly-chat-agent-bubble-text: var(--poly-chat-agent-bubble-color, var(--_poly-chat-default-agent-bubble-text));
    --_poly-chat-live-agent-bubble: var(--poly-chat-live-agent-bubble-background, var(--_poly-chat-default-live-agent-bubble));
    --_poly-chat-live-agent-bubble-text: var(--poly-chat-live-agent-bubble-color, var(--_poly-chat-default-live-agent-bubble-text));
    --_poly-chat-system: var(--poly-chat-system-color, var(--_poly-chat-default-system));
    --_poly-chat-error: var(--poly-chat-error-color, var(--_poly-chat-default-error));
    --_poly-chat-warning: var(--poly-chat-warning-background, var(--_poly-chat-default-warning));
    --_poly-chat-focus-ring: var(--poly-chat-focus-ring-color, var(--_poly-chat-accent));
    --_poly-chat-font-family: var(
      --poly-chat-font-family,
      system-ui,
      -apple-system,
      'Segoe UI',
      Roboto,
      'Helvetica Neue',
      'Noto Sans',
      'Noto Sans Arabic',
      sans-serif
    );
    --_poly-chat-font-size: var(--poly-chat-font-size, 0.9375rem);
    --_poly-chat-line-height: var(--poly-chat-line-height, 1.45);
    --_poly-chat-radius: var(--poly-chat-radius, 16px);
    --_poly-chat-bubble-radius: var(--poly-chat-bubble-radius, 18px);
    --_poly-chat-spacing: var(--poly-chat-spacing, 12px);
    --_poly-chat-avatar-size: var(--poly-chat-avatar-size, 28px);
    --_poly-chat-launcher-size: var(--poly-chat-launcher-size, 56px);
    --_poly-chat-launcher-offset: var(--poly-chat-launcher-offset, 20px);
    --_poly-chat-panel-width: var(--poly-chat-panel-width, 380px);
    --_poly-chat-panel-height: var(--poly-chat-panel-height, 600px);
    --_poly-chat-inline-min-height: var(--poly-chat-inline-min-height, 24rem);
    --_poly-chat-z-index: var(--poly-chat-z-index, 2147483000);
    --_poly-chat-shadow: var(--poly-chat-shadow, var(--_poly-chat-default-shadow));
    --_poly-chat-duration: var(--poly-chat-transition-duration, 180ms);

    display: block;
    box-sizing: border-box;
    font-family: var(--_poly-chat-font-family);
    font-size: var(--_poly-chat-font-size);
    line-height: var(--_poly-chat-line-height);
    color: var(--_poly-chat-text);
    -webkit-text-size-adjust: 100%;
  }

  /* Dark palette, twice: for prefers-color-scheme (unless theme="light") and for theme="dark". */
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_poly-chat-default-accent: #818cf8;
      --_poly-chat-default-accent-text: #0b1020;
      --_poly-chat-default-background: #0f172a;
      --_poly-chat-default-surface: #1e293b;
      --_poly-chat-default-text: #e2e8f0;
      --_poly-chat-default-muted: #94a3b8;
      --_poly-chat-default-border: #334155;
      --_poly-chat-default-agent-bubble: #1e293b;
      --_poly-chat-default-agent-bubble-text: #e2e8f0;
      --_poly-chat-default-live-agent-bubble: #064e3b;
      --_poly-chat-default-live-agent-bubble-text: #d1fae5;
      --_poly-chat-default-system: #94a3b8;
      --_poly-chat-default-error: #f87171;
      --_poly-chat-default-error-surface: #450a0a;
      --_poly-chat-default-error-text: #fecaca;
      --_poly-chat-default-warning: #422006;
      --_poly-chat-default-warning-text: #fde68a;
      --_poly-chat-default-code: rgb(226 232 240 / 0.12);
      --_poly-chat-default-shadow: 0 12px 40px rgb(0 0 0 / 0.5);
    }
  }
  :host([theme='dark']) {
    --_poly-chat-default-accent: #818cf8;
    --_poly-chat-default-accent-text: #0b1020;
    --_poly-chat-default-background: #0f172a;
    --_poly-chat-default-surface: #1e293b;
    --_poly-chat-default-text: #e2e8f0;
    --_poly-chat-default-muted: #94a3b8;
    --_poly-chat-default-border: #334155;
    --_poly-chat-default-agent-bubble: #1e293b;
    --_poly-chat-default-agent-bubble-text: #e2e8f0;
    --_poly-chat-default-live-agent-bubble: #064e3b;
    --_poly-chat-default-live-agent-bubble-text: #d1fae5;
    --_poly-chat-default-system: #94a3b8;
    --_poly-chat-default-error: #f87171;
    --_poly-chat-default-error-surface: #450a0a;
    --_poly-chat-default-error-text: #fecaca;
    --_poly-chat-default-warning: #422006;
    --_poly-chat-default-warning-text: #fde68a;
    --_poly-chat-default-code: rgb(226 232 240 / 0.12);
    --_poly-chat-default-shadow: 0 12px 40px rgb(0 0 0 / 0.5);
  }

  :host([hidden]) {
    display: none;
  }
  :host([mode='launcher']) {
    /* The launcher and its panel are fixed; the host itself takes no room in the page. */
    inline-size: 0;
    block-size: 0;
    overflow: visible;
  }
  :host(:not([mode='launcher'])) {
    block-size: 100%;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  p {
    margin: 0;
  }
  button,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  button {
    cursor: pointer;
  }
  button:disabled {
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 2px solid var(--_poly-chat-focus-ring);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  .icon {
    inline-size: 1.25em;
    block-size: 1.25em;
    flex: none;
    fill: currentColor;
  }
  .icon .stroke {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  [dir='rtl'] .send-button .icon,
  [dir='rtl'] .leave-button .icon,
  [dir='rtl'] .launcher .icon {
    transform: scaleX(-1);
  }

  .root {
    block-size: 100%;
  }

  /* ---- panel ---- */
  .panel {
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: var(--_poly-chat-background);
    color: var(--_poly-chat-text);
    border: 1px solid var(--_poly-chat-border);
    border-radius: var(--_poly-chat-radius);
  }
  .inline-mode .panel {
    block-size: 100%;
    min-block-size: var(--_poly-chat-inline-min-height);
  }
  .launcher-mode .panel {
    position: fixed;
    z-index: var(--_poly-chat-z-index);
    inset-block-end: calc(var(--_poly-chat-launcher-offset) + var(--_poly-chat-launcher-size) + 12px);
    inset-inline-end: var(--_poly-chat-launcher-offset);
    inline-size: min(var(--_poly-chat-panel-width), calc(100vw - 2 * var(--_poly-chat-launcher-offset)));
    block-size: min(
      var(--_poly-chat-panel-height),
      calc(100dvh - var(--_poly-chat-launcher-size) - 2 * var(--_poly-chat-launcher-offset) - 12px)
    );
    box-shadow: var(--_poly-chat-shadow);
    transform-origin: bottom right;
    animation: poly-chat-panel-in var(--_poly-chat-duration) ease-out;
  }
  @keyframes poly-chat-panel-in {
    from {
      opacity: 0;
      transform: translateY(12px) scale(0.98);
    }
  }

  /* ---- launcher ---- */
  .launcher {
    position: fixed;
    z-index: var(--_poly-chat-z-index);
    inset-block-end: var(--_poly-chat-launcher-offset);
    inset-inline-end: var(--_poly-chat-launcher-offset);
    display: grid;
    place-items: center;
    inline-size: var(--_poly-chat-launcher-size);
    block-size: var(--_poly-chat-launcher-size);
    padding: 0;
    border: none;
    border-radius: 50%;
    background: var(--_poly-chat-accent);
    color: var(--_poly-chat-accent-text);
    box-shadow: var(--_poly-chat-shadow);
    transition: transform var(--_poly-chat-duration) ease;
  }
  .launcher:hover {
    transform: scale(1.05);
  }
  .launcher .icon {
    inline-size: 26px;
    block-size: 26px;
  }
  .badge {
    position: absolute;
    inset-block-start: -4px;
    inset-inline-end: -4px;
    min-inline-size: 22px;
    block-size: 22px;
    padding-inline: 6px;
    display: grid;
    place-items: center;
    border-radius: 11px;
    border: 2px solid var(--_poly-chat-background);
    background: #c81e1e;
    color: #ffffff;
    font-size: 0.75rem;
    font-weight: 700;
    line-height: 1;
  }

  /* Narrow screens: the launcher panel takes the whole visual viewport (above the on-screen keyboard). */
  @media (max-width: 520px) {
    .launcher-mode .panel {
      inset: auto;
      inset-inline-start: 0;
      inset-block-start: var(--_poly-chat-viewport-top, 0px);
      inline-size: 100%;
      block-size: var(--_poly-chat-viewport-height, 100dvh);
      border: none;
      border-radius: 0;
    }
    .launcher-mode .launcher.is-open {
      display: none;
    }
    .input {
      /* 16px and up: iOS does not zoom into the field. */
      font-size: max(16px, 1em);
    }
  }

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
    font-size: 0.875rem;
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
  .status-banner.error,
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

  .message {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    margin-block-start: var(--_poly-chat-spacing);
  }
  .message.continued {
    margin-block-start: 4px;
  }
  .message.user {
    justify-content: flex-end;
  }
  .message-body {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 6px;
    min-inline-size: 0;
    max-inline-size: 82%;
  }
  .message.user .message-body {
    align-items: flex-end;
  }
  .byline {
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_poly-chat-muted);
    padding-inline: 4px;
    margin-block-end: -2px;
  }
  .avatar,
  .avatar-space {
    inline-size: var(--_poly-chat-avatar-size);
    block-size: var(--_poly-chat-avatar-size);
    flex: none;
    border-radius: 50%;
  }
  .avatar {
    position: relative;
    display: grid;
    place-items: center;
    overflow: hidden;
    background: var(--_poly-chat-agent-bubble);
    color: var(--_poly-chat-agent-bubble-text);
    font-size: 0.6875rem;
    font-weight: 700;
    border: 1px solid var(--_poly-chat-border);
  }
  .message.live-agent .avatar {
    background: var(--_poly-chat-live-agent-bubble);
    color: var(--_poly-chat-live-agent-bubble-text);
  }

  .bubble {
    padding: 9px 14px;
    border-radius: var(--_poly-chat-bubble-radius);
    overflow-wrap: anywhere;
    max-inline-size: 100%;
  }
  .message.agent .bubble {
    background: var(--_poly-chat-agent-bubble);
    color: var(--_poly-chat-agent-bubble-text);
    border-end-start-radius: 6px;
  }
  .message.live-agent .bubble {
    background: var(--_poly-chat-live-agent-bubble);
    color: var(--_poly-chat-live-agent-bubble-text);
    border-end-start-radius: 6px;
  }
  .message.user .bubble {
    background: var(--_poly-chat-user-bubble);
    color: var(--_poly-chat-user-bubble-text);
    border-end-end-radius: 6px;
  }
  .message.continued.agent .bubble,
  .message.continued.live-agent .bubble {
    border-start-start-radius: 6px;
  }
  .message.continued.user .bubble {
    border-start-end-radius: 6px;
  }
  .bubble .plain {
    white-space: pre-wrap;
  }
  .bubble p + p,
  .bubble p + ul,
  .bubble p + ol,
  .bubble ul + p,
  .bubble ol + p,
  .bubble ul + ul,
  .bubble ol + ol {
    margin-block-start: 0.5em;
  }
  .bubble ul,
  .bubble ol {
    margin: 0;
    padding-inline-start: 1.25em;
  }
  .bubble li + li {
    margin-block-start: 0.2em;
  }
  .bubble code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.875em;
    padding: 0.1em 0.35em;
    border-radius: 5px;
    background: var(--_poly-chat-default-code);
  }
  .bubble a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 2px;
  }
  .message.streaming .bubble > :last-child::after {
    content: '';
    display: inline-block;
    inline-size: 0.5em;
    block-size: 1em;
    margin-inline-start: 2px;
    vertical-align: text-bottom;
    border-radius: 2px;
    background: currentColor;
    opacity: 0.35;
    animation: poly-chat-blink 1s steps(2, start) infinite;
  }
  @keyframes poly-chat-blink {
    to {
      visibility: hidden;
    }
  }

  .message.system {
    justify-content: center;
    text-align: center;
  }
  .message.system .notice {
    max-inline-size: 90%;
    font-size: 0.8125em;
    color: var(--_poly-chat-system);
  }
  .message.system.level-error .notice,
  .message.system.level-warning .notice {
    padding: 6px 12px;
    border-radius: 10px;
    background: var(--_poly-chat-default-error-surface);
    color: var(--_poly-chat-default-error-text);
  }
  .message.system.level-warning .notice {
    background: var(--_poly-chat-warning);
    color: var(--_poly-chat-default-warning-text);
  }

  .delivery {
    display: flex;
    align-items: center;
    gap: 4px;
    font-size: 0.75em;
    color: var(--_poly-chat-muted);
    padding-inline: 4px;
  }
  .delivery .icon {
    inline-size: 14px;
    block-size: 14px;
  }
  .delivery.failed {
    color: var(--_poly-chat-error);
    font-weight: 600;
  }
  .delivery .retry-button {
    margin-inline-start: 6px;
    color: var(--_poly-chat-error);
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

  /* ---- suggestions and call actions ---- */
  .suggestions,
  .call-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .suggestion,
  .call-action {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    min-block-size: 36px;
    padding: 6px 14px;
    border-radius: 999px;
    border: 1px solid var(--_poly-chat-accent);
    background: var(--_poly-chat-background);
    color: var(--_poly-chat-accent);
    font-size: 0.875em;
    font-weight: 600;
    text-align: start;
    text-decoration: none;
    transition: background-color var(--_poly-chat-duration) ease;
  }
  .suggestion:hover,
  .call-action:hover {
    background: var(--_poly-chat-surface);
  }
  .call-action .icon {
    inline-size: 16px;
    block-size: 16px;
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

  /* ---- end panel ---- */
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
    max-block-size: 9rem;
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

  /* ---- user preferences ---- */
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_poly-chat-duration: 0ms;
    }
    .dots span,
    .spinner,
    .message.streaming .bubble > :last-child::after,
    .launcher-mode .panel {
      animation: none;
    }
    .launcher:hover {
      transform: none;
    }
  }

  @media (forced-colors: active) {
    .panel,
    .bubble,
    .card,
    .figure img,
    .suggestion,
    .call-action,
    .banner,
    .typing-indicator,
    .composer-field,
    .leave-confirm,
    .end-panel,
    .primary-button,
    .danger-button,
    .secondary-button,
    .banner-action,
    .send-button,
    .launcher,
    .badge {
      border: 1px solid CanvasText;
    }
    .launcher,
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
    :focus-visible,
    .header :focus-visible {
      outline: 2px solid Highlight;
    }
    .composer-field:focus-within {
      outline: 2px solid Highlight;
    }
  }
`;

// Properties newer than lit-analyzer's CSS grammar (it would reject them as unknown). A constant,
// author-written string: nothing from outside ever reaches it.
export const modernStyles = unsafeCSS(`
  :host { color-scheme: light; }
  @media (prefers-color-scheme: dark) { :host(:not([theme='light'])) { color-scheme: dark; } }
  :host([theme='dark']) { color-scheme: dark; }
  .transcript { scrollbar-gutter: stable; }
  .input { field-sizing: content; }
  @media (forced-colors: active) { .status-dot, .dots span { forced-color-adjust: none; } }
`);
