// Styles of <poly-chat> that the bundle itself needs: custom properties and palettes, the launcher
// and the panel frame. The panel's content (header, banners, transcript, composer) is styled by
// panel.styles.ts and the messages by message.styles.ts, both loaded with the session chunk.
// css`` only (adopted stylesheets), no inline style attributes anywhere, so
// the element works under `style-src 'self'`. Public `--poly-chat-*` properties are read once into
// private `--_poly-chat-*` ones (Spectrum's pattern); defaults come from a light or dark palette
// (`--_poly-chat-default-*`), chosen by prefers-color-scheme unless `theme` forces one.
// Logical properties only, so RTL needs no extra rules (bar flipping directional icons).
import {css, unsafeCSS} from 'lit';

/** The dark palette's declarations (defaults for the private properties). */
const DARK_PALETTE = `
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
`;

/**
 * The dark palette, twice: for prefers-color-scheme (unless theme="light") and for theme="dark".
 * Built from one constant author-written string through unsafeCSS (nothing from outside reaches it;
 * lit-analyzer does not accept declarations interpolated into a css`` rule).
 */
const darkPaletteRules = unsafeCSS(`
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {${DARK_PALETTE}}
  }
  :host([theme='dark']) {${DARK_PALETTE}}
`);

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
    --_poly-chat-font-size: var(--poly-chat-font-size, 0.9375em);
    --_poly-chat-line-height: var(--poly-chat-line-height, 1.45);
    --_poly-chat-radius: var(--poly-chat-radius, 16px);
    --_poly-chat-bubble-radius: var(--poly-chat-bubble-radius, 18px);
    --_poly-chat-spacing: var(--poly-chat-spacing, 12px);
    --_poly-chat-avatar-size: var(--poly-chat-avatar-size, 28px);
    --_poly-chat-launcher-size: var(--poly-chat-launcher-size, 56px);
    --_poly-chat-launcher-offset: var(--poly-chat-launcher-offset, 20px);
    --_poly-chat-panel-width: var(--poly-chat-panel-width, 380px);
    --_poly-chat-panel-height: var(--poly-chat-panel-height, 600px);
    --_poly-chat-inline-min-height: var(--poly-chat-inline-min-height, 25.6em);
    --_poly-chat-z-index: var(--poly-chat-z-index, 2147483000);
    --_poly-chat-shadow: var(--poly-chat-shadow, var(--_poly-chat-default-shadow));
    --_poly-chat-duration: var(--poly-chat-transition-duration, 180ms);

    display: block;
    box-sizing: border-box;
    font-family: var(--_poly-chat-font-family);
    /* The reader's default size (the browser setting), not the page's: a site's
       "html { font-size: 62.5% }" must not shrink the chat. Sizes inside are in em of this. */
    font-size: medium;
    line-height: var(--_poly-chat-line-height);
    color: var(--_poly-chat-text);
    -webkit-text-size-adjust: 100%;
  }

  /* Dark palette, twice: for prefers-color-scheme (unless theme="light") and for theme="dark". */
  ${darkPaletteRules}

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
    /* Set again here, not only on :host: a host page's "* { … !important }" beats :host rules and
       would be inherited into the shadow tree, but it never beats a rule on an element inside it. */
    box-sizing: border-box;
    font: 400 var(--_poly-chat-font-size) / var(--_poly-chat-line-height) var(--_poly-chat-font-family);
    color: var(--_poly-chat-text);
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    text-align: start;
    text-shadow: none;
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
    font-size: calc(12em / 15); /* 12px at the default 15px */
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

  /* ---- user preferences (the launcher and the panel frame; the panel's own in panel.styles.ts) ---- */
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_poly-chat-duration: 0ms;
    }
    .launcher-mode .panel {
      animation: none;
    }
    .launcher:hover {
      transform: none;
    }
  }
  @media (forced-colors: active) {
    /* The frame's boxes; the panel's content has its own (forced-colors.styles.ts). */
    .panel,
    .badge {
      border: 1px solid CanvasText;
    }
    .launcher {
      background: ButtonFace;
      color: ButtonText;
      border: 1px solid ButtonText;
    }
    :focus-visible {
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
`);
