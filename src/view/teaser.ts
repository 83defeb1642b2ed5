// The teaser: a short text bubble beside the closed launcher (`teaser`), which opens the chat when
// clicked and has its own close button. The text is the host's: a text binding, never HTML.
// It gets lit's `html` from the element instead of importing lit (see element/attention-chunk.ts),
// and so draws its close icon itself.
import type {TemplateResult, html as litHtml} from 'lit';

export interface TeaserViewOptions {
  readonly text: string;
  /** The close button's accessible name. */
  readonly dismissLabel: string;
  readonly onOpen: () => void;
  readonly onDismiss: () => void;
}

export function teaserRenderer(html: typeof litHtml): (options: TeaserViewOptions) => TemplateResult {
  return (options) => html`<div part="teaser" class="teaser">
    <button type="button" class="teaser-text" @click=${options.onOpen}>${options.text}</button>
    <button type="button" part="teaser-close-button" class="teaser-close" aria-label=${options.dismissLabel} @click=${options.onDismiss}>
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18" class="stroke" /></svg>
    </button>
  </div>`;
}
