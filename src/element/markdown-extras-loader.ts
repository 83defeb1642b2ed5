// Loads markdown-extras-chunk.ts once for the page (part of the session chunk). Until it is here the
// renderer shows tables and code blocks as plain text and asks for it; the element waits for the
// load (its updateComplete too), renders again and adopts the chunk's styles.
import {adoptStyles, css, html, supportsAdoptingStyleSheets} from 'lit';
import type {MarkdownExtrasModule} from './markdown-extras-chunk.js';

let loaded: MarkdownExtrasModule | null = null;
let loading: Promise<unknown> | null = null;

/** The chunk, once loaded (never starts loading it). */
export function markdownExtras(): MarkdownExtrasModule | null {
  return loaded;
}

/** Starts loading the chunk (one load per page); a failed load is tried again on the next call. */
export function loadMarkdownExtras(): Promise<unknown> {
  loading ??= import('./markdown-extras-chunk.js').then(
    (chunk) => (loaded = chunk.createMarkdownExtras({html, css})),
    () => (loading = null),
  );
  return loading;
}

/** Adds the chunk's styles to `root` after those it has; false while the chunk is not here. */
export function adoptMarkdownExtrasStyles(root: ShadowRoot): boolean {
  const sheet = loaded?.markdownExtrasStyles;
  if (!sheet) return false;
  // lit's adoptStyles replaces adopted sheets, but appends <style> elements where there are none.
  if (supportsAdoptingStyleSheets && sheet.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet.styleSheet];
  else adoptStyles(root, [sheet]);
  return true;
}
