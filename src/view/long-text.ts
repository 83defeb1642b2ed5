// Very long message text (issue 14: an agent may send 512 KB in one word). A long text is shown
// collapsed, its first PREVIEW_CHARS behind a "Show more" button, and a screen reader hears the same
// preview: laying out, parsing or announcing the whole of it at once would hold the page for
// seconds. Above MARKDOWN_MAX_CHARS the text is plain text even when expanded: Markdown costs a
// parse and can turn into a node per `*x*` (65 000 of them in 512 KB of `a_b*c`), and no real
// reply that long is formatted prose. Pure: strings in, strings out.

/** A text longer than this is collapsed; the margin keeps "Show more" from hiding a few words. */
export const COLLAPSE_ABOVE_CHARS = 2_500;
/** How much of a collapsed text is shown (and announced). */
export const PREVIEW_CHARS = 2_000;
/** Above this, agent text is shown as plain text instead of Markdown. */
export const MARKDOWN_MAX_CHARS = 20_000;
/**
 * An expanded plain text is laid out in blocks of about this many characters, each skipped by
 * layout while off screen (`content-visibility: auto`, message.styles.ts): laying out all of 512 KB
 * at once is one 100-300 ms task (more where the text has many break opportunities, such as `[a](`).
 */
export const LAYOUT_SLICE_CHARS = 16_384;
/** A cut this close to the limit may move back to a space, so a word is not split needlessly. */
const WORD_BREAK_WINDOW = 80;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Where to cut `text` near `at` (not after it): after the last space in the window, else at `at`, never inside a surrogate pair. */
function cutNear(text: string, at: number): number {
  const start = Math.max(0, at - WORD_BREAK_WINDOW);
  const space = text.slice(start, at + 1).search(/\s\S*$/);
  if (space > 0) return start + space;
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

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
  return `${text.slice(0, cutNear(text, Math.max(0, max))).trimEnd()}…`;
}

/**
 * `text` in consecutive pieces of at most `size` characters (a piece ends at a space near its end
 * when there is one, never inside a surrogate pair). Joined, they are `text` exactly.
 */
export function sliceText(text: string, size = LAYOUT_SLICE_CHARS): string[] {
  const slices: string[] = [];
  let from = 0;
  while (text.length - from > size) {
    let cut = cutNear(text, from + size);
    if (cut <= from) cut = from + size;
    slices.push(text.slice(from, cut));
    from = cut;
  }
  slices.push(text.slice(from));
  return slices;
}

/** What a collapsed message shows: the whole text when it is not long, else its preview. */
export function previewText(text: string): string {
  return isLongText(text) ? truncateText(text, PREVIEW_CHARS) : text;
}
