// In forced-colors mode backgrounds disappear, so every box the chat draws gets a system-colored
// border. A box of the panel's content is added here (panel.styles.ts, adopted after the element's
// sheet, whose border rules would otherwise win); the frame's own (the panel, the launcher and its
// badge) are in poly-chat.styles.ts.
import {css} from 'lit';

/** The panel's content boxes (the session chunk's views and the rare views). */
export const forcedColorsBorders = css`
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
  .send-button {
    border: 1px solid CanvasText;
  }
`;
