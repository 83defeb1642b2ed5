// Styles of the transcript's messages (bubbles, Markdown, avatars, delivery, suggestions; those of
// attachments and call actions come with their views, rare-views.styles.ts). They come with the lazily loaded session part of the element
// (session-chunk.ts) and are adopted next to the element's own styles when it arrives; they read the
// same private custom properties (poly-chat.styles.ts), so theming is unchanged.
import {css} from 'lit';

export const messageStyles = css`
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
    font-size: calc(11em / 15); /* 11px at the default 15px */
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
  .bubble > :not(:first-child),
  .bubble blockquote > :not(:first-child) {
    margin-block-start: 0.5em;
  }
  .bubble blockquote {
    margin: 0;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--_poly-chat-border);
  }
  /* A table or code block while its renderer loads (view/markdown.ts). */
  .bubble .plain-block {
    white-space: pre-wrap;
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
    overflow-wrap: anywhere;
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

  .timestamp {
    display: block;
    font-size: 0.75em;
    color: var(--_poly-chat-muted);
    padding-inline: 4px;
  }
  .message.user .timestamp {
    text-align: end;
  }
  .date-separator {
    align-self: center;
    margin-block: var(--_poly-chat-spacing) 4px;
    font-size: 0.75em;
    font-weight: 600;
    color: var(--_poly-chat-muted);
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

  /* ---- "Show more" under a very long message ---- */
  /* An expanded huge text (view/long-text.ts): each slice is laid out only when near the screen.
     The size kept for one not laid out yet is a rough guess (16 K characters in a narrow bubble). */
  .bubble .slice,
  .notice .slice {
    display: block;
    content-visibility: auto;
    contain-intrinsic-block-size: auto 500em;
  }
  .show-more {
    align-self: flex-start;
    padding-inline: 4px;
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
`;
