// Very long message text (issue 14: an agent may send 512 KB in one word). A long text is shown
// collapsed, its first PREVIEW_CHARS behind a "Show more" button, and a screen reader hears the same
// preview: laying out, parsing or announcing the whole of it at once would hold the page for
// seconds. Above MARKDOWN_MAX_CHARS the text is plain text even when expanded: Markdown costs a
// parse and can turn into a node per `*x*` (130 000 of them in 512 KB), and no real reply that long
// is formatted prose. Pure: strings in, strings out.

/** A text longer than this is collapsed; the margin keeps "Show more" from hiding a few words. */
export const COLLAPSE_ABOVE_CHARS = 2_500;
/** How much of a collapsed text is shown (and announced). */
export const PREVIEW_CHARS = 2_000;
/** Above this, agent text is shown as plain text instead of Markdown. */
export const MARKDOWN_MAX_CHARS = 20_000;
/** A cut this close to the limit may move back to a space, so a word is not split needlessly. */
const WORD_BREAK_WINDOW = 80;

/** Whether `text` is shown collapsed until expanded. */
export function isLongText(text: string): boolean {
  return text.length > COLLAPSE_ABOVE_CHARS;
}

/**
 * `text` cut to at most `max` characters plus an ellipsis, or `text` itself when it fits. The cut
 * never splits a surrogate pair and prefers the last space within WORD_BREAK_WINDOW of the limit.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // a high surrogate without its pair
  const space = text.slice(Math.max(0, cut - WORD_BREAK_WINDOW), cut + 1).search(/\s\S*$/);
  if (space > 0) cut = Math.max(0, cut - WORD_BREAK_WINDOW) + space;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** What a collapsed message shows: the whole text when it is not long, else its preview. */
export function previewText(text: string): string {
  return isLongText(text) ? truncateText(text, PREVIEW_CHARS) : text;
}
