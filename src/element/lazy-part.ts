// A part of the panel that most conversations never need at once: its renderers and styles, in a
// chunk `import()`ed from the session chunk once per page. Until it is here the views show nothing
// (or plain text) in its place and ask for it; the element waits for the load (its updateComplete
// too), renders again and adds the part's styles after its own.
import {adoptStyles, css, html, nothing, supportsAdoptingStyleSheets, svg} from 'lit';
import type {CSSResult} from 'lit';
import type {LitTags} from '../view/lit-tags.js';

const tags: LitTags = {html, svg, css, nothing};

export interface LazyPart<T> {
  /** The part, once loaded (never starts loading it). */
  readonly get: () => T | null;
  /** Starts loading the part (one load per page); a failed load is tried again on the next call. */
  readonly load: () => Promise<unknown>;
  /** Adds the part's styles to `root` after those it has; false while the part is not here. */
  readonly adoptStyles: (root: ShadowRoot) => boolean;
}

export function lazyPart<T extends {readonly styles: CSSResult}>(importPart: (lit: LitTags) => Promise<T>): LazyPart<T> {
  let loaded: T | null = null;
  let loading: Promise<unknown> | null = null;
  return {
    get: () => loaded,
    load: () =>
      (loading ??= importPart(tags).then(
        (part) => (loaded = part),
        () => (loading = null),
      )),
    adoptStyles(root) {
      const sheet = loaded?.styles;
      if (!sheet) return false;
      // lit's adoptStyles replaces adopted sheets, but appends <style> elements where there are none.
      if (supportsAdoptingStyleSheets && sheet.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet.styleSheet];
      else adoptStyles(root, [sheet]);
      return true;
    },
  };
}
