// Styles of the teaser bubble (view/teaser.ts), adopted after the element's own when it is shown.
// Above the launcher at the same end edge; it reads the element's private custom properties
// (poly-chat.styles.ts). It slides in only for readers who have not asked for reduced motion.
// A plain string, not lit's `css`: the chunk does not import lit (see attention-chunk.ts), and
// teaser.ts adopts it itself.
export const teaserStyles = `
  .teaser {
    position: fixed;
    z-index: var(--_poly-chat-z-index);
    inset-block-end: calc(var(--_poly-chat-launcher-offset) + var(--_poly-chat-launcher-size) + 12px);
    inset-inline-end: var(--_poly-chat-launcher-offset);
    display: flex;
    align-items: flex-start;
    gap: 2px;
    max-inline-size: min(280px, calc(100vw - 2 * var(--_poly-chat-launcher-offset)));
    padding: 4px;
    border: 1px solid var(--_poly-chat-border);
    border-radius: var(--_poly-chat-bubble-radius);
    background: var(--_poly-chat-background);
    color: var(--_poly-chat-text);
    box-shadow: var(--_poly-chat-shadow);
    font-size: var(--_poly-chat-font-size);
  }
  .teaser-text {
    flex: 1;
    padding: 8px 4px 8px 10px;
    border: none;
    border-radius: calc(var(--_poly-chat-bubble-radius) - 4px);
    background: none;
    color: inherit;
    font: inherit;
    text-align: start;
    overflow-wrap: anywhere;
    cursor: pointer;
  }
  .teaser-close {
    display: grid;
    flex: none;
    place-items: center;
    inline-size: 28px;
    block-size: 28px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: none;
    color: var(--_poly-chat-muted);
    cursor: pointer;
  }
  .teaser-close:hover {
    background: var(--_poly-chat-surface);
  }
  .teaser-close .icon {
    inline-size: 16px;
    block-size: 16px;
  }
  @keyframes poly-chat-teaser-in {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
  @media (prefers-reduced-motion: no-preference) {
    .teaser {
      animation: poly-chat-teaser-in var(--_poly-chat-duration) ease-out;
    }
  }
`;
