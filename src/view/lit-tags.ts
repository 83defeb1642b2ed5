// lit's template tags and sentinel, handed to the views of a chunk loaded from the session chunk
// (element/lazy-part.ts) instead of imported: a chunk that imports lit itself makes rolldown move
// lit out of poly-chat.bundle.js into a chunk the bundle must load at once (rolldown/rolldown#10731).
import type {css, html, nothing, svg} from 'lit';

export interface LitTags {
  readonly html: typeof html;
  readonly svg: typeof svg;
  readonly css: typeof css;
  readonly nothing: typeof nothing;
}
