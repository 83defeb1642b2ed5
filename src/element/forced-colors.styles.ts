// In forced-colors mode backgrounds disappear, so every box the chat draws gets a system-colored
// border. One rule for both sheets (the element's own and the panel's, adopted after it, whose
// border rules would otherwise win): a box added to the chat is added here.
import {css} from 'lit';

export const forcedColorsBorders = css`
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
`;
