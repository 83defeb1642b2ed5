// Styles of the thumbs (view/feedback.ts); they come with the session chunk.
import {css} from 'lit';

export const feedbackStyles = css`
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
