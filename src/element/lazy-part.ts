// A part of the panel that most conversations never need at once: its renderers and styles, in a
// chunk `import()`ed from the session chunk once per page. Until it is here the views show nothing
// (or plain text) in its place and ask for it; the element waits for the load (its updateComplete
// too), renders again and adds the part's styles after its own. A failed load (offline) is not
// tried again from the next render, which would loop and flood the network: only once the browser
// is back online, or when asked again after RETRY_AFTER_MS.
import {adoptStyles, css, html, nothing, supportsAdoptingStyleSheets, svg} from 'lit';
import type {CSSResult} from 'lit';
import type {LitTags} from '../view/lit-tags.js';

const tags: LitTags = {html, svg, css, nothing};

/** How long a failed load is not tried again, unless the browser comes back online first. */
export const RETRY_AFTER_MS = 5_000;

export interface LazyPart<T> {
  /** The part, once loaded (never starts loading it). */
  readonly get: () => T | null;
  /**
   * Starts loading the part (one load per page) and returns that load; null, starting nothing,
   * for RETRY_AFTER_MS after a failed load or until the browser is back online.
   */
  readonly load: () => Promise<unknown> | null;
  /** After a failed load: resolves when the browser is back online (load() tries again then). */
  readonly online: () => Promise<void>;
  /** Adds the part's styles to `root` after those it has; false while the part is not here. */
  readonly adoptStyles: (root: ShadowRoot) => boolean;
}

export function lazyPart<T extends {readonly styles: CSSResult}>(importPart: (lit: LitTags) => Promise<T>): LazyPart<T> {
  let loaded: T | null = null;
  let loading: Promise<unknown> | null = null;
  let failedAt = -Infinity;
  let online: Promise<void> | null = null;
  const failed = (): void => {
    loading = null;
    failedAt = Date.now();
    online ??= new Promise<void>((resolve) =>
      addEventListener(
        'online',
        () => {
          online = null;
          failedAt = -Infinity;
          resolve();
        },
        {once: true},
      ),
    );
  };
  return {
    get: () => loaded,
    load: () =>
      loading ?? (Date.now() - failedAt < RETRY_AFTER_MS ? null : (loading = importPart(tags).then((part) => (loaded = part), failed))),
    online: () => online ?? Promise.resolve(),
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
