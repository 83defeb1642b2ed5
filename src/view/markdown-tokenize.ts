// A small, safe Markdown subset for agent text: paragraphs, line breaks, **bold**, *italic* /
// _italic_, `code`, - / 1. lists, [links](url), <autolinks> and bare http(s) URLs (plus `#`
// headings shown as bold lines). Pure: text in, token tree out. The tree holds raw strings only;
// the renderer turns it into lit templates (text nodes, never innerHTML) and applies the URL policy.
//
// Every scan is bounded: a delimiter without a closer is remembered, so hostile input such as
// thousands of lone `*` stays linear per nesting level, and nesting itself is capped. On top of that
// one parse has a scan budget proportional to its text: look-aheads (a label's `]`, a destination's
// `)`, an emphasis closer, a code span, a bare URL) draw on it, and once it is spent they find
// nothing, so the rest is plain text. Ordinary text never comes near it; input built to make the
// look-aheads overlap (`[a](` a hundred thousand times: every label closes, no destination does)
// would otherwise rescan the rest of the text from each `[` — minutes for 512 KB.

export type MarkdownInline =
  | {readonly type: 'text'; readonly text: string}
  | {readonly type: 'code'; readonly text: string}
  | {readonly type: 'strong'; readonly children: readonly MarkdownInline[]}
  | {readonly type: 'em'; readonly children: readonly MarkdownInline[]}
  /** `href` is raw: the renderer decides whether it may become a link. */
  | {readonly type: 'link'; readonly href: string; readonly children: readonly MarkdownInline[]}
  | {readonly type: 'break'};

export type MarkdownBlock =
  | {readonly type: 'paragraph'; readonly children: readonly MarkdownInline[]}
  | {readonly type: 'heading'; readonly children: readonly MarkdownInline[]}
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      /** First number of an ordered list (1 for bullets). */
      readonly start: number;
      readonly items: readonly (readonly MarkdownInline[])[];
    };

const MAX_DEPTH = 6;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const BULLET = /^ {0,3}[-*+][ \t]+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/;
const BARE_URL = /https?:\/\/[^\s<>"`]+/iy;
const ANGLE_URL = /<((?:https?|mailto|tel):[^\s<>]+)>/iy;
/** Characters of look-ahead one parse may scan: this many per character of text, plus a floor. */
const SCAN_PER_CHAR = 16;
const SCAN_FLOOR = 100_000;

/** The look-ahead left to one tokenizeMarkdown call (shared by its nested inline parses). */
interface ScanBudget {
  left: number;
}

interface ListDraft {
  readonly ordered: boolean;
  readonly start: number;
  readonly items: string[][];
}

/** Parses `source` into blocks. Never throws. */
export function tokenizeMarkdown(source: string): MarkdownBlock[] {
  const budget: ScanBudget = {left: SCAN_FLOOR + SCAN_PER_CHAR * source.length};
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  // Held in one object so the closures below and the loop agree on the current block.
  const open: {paragraph: string[]; list: ListDraft | null} = {paragraph: [], list: null};

  const flushParagraph = (): void => {
    if (open.paragraph.length > 0) blocks.push({type: 'paragraph', children: parseInline(open.paragraph.join('\n'), 0, true, budget)});
    open.paragraph = [];
  };
  const flushList = (): void => {
    const list = open.list;
    if (list) {
      blocks.push({
        type: 'list',
        ordered: list.ordered,
        start: list.start,
        items: list.items.map((item) => parseInline(item.join('\n'), 0, true, budget)),
      });
    }
    open.list = null;
  };

  for (const rawLine of lines) {
    const line = rawLine.replace(/[ \t]+$/, '');
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      blocks.push({type: 'heading', children: parseInline(heading[1] ?? '', 0, true, budget)});
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    if (bullet || ordered) {
      flushParagraph();
      const isOrdered = ordered !== null;
      const content = (bullet ? bullet[1] : ordered?.[2]) ?? '';
      if (open.list && open.list.ordered === isOrdered) {
        open.list.items.push([content]);
      } else {
        flushList();
        open.list = {ordered: isOrdered, start: isOrdered ? Number(ordered?.[1] ?? '1') : 1, items: [[content]]};
      }
      continue;
    }
    const lastItem = open.list?.items[open.list.items.length - 1];
    if (lastItem && /^[ \t]/.test(line)) {
      // An indented line continues the list item above it.
      lastItem.push(line.trim());
      continue;
    }
    flushList();
    open.paragraph.push(line.trimStart());
  }
  flushParagraph();
  flushList();
  return blocks;
}

/** Flattens inline tokens to plain text (for announcements and accessible names). */
export function inlineToPlainText(tokens: readonly MarkdownInline[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'code') out += token.text;
    else if (token.type === 'break') out += ' ';
    else out += inlineToPlainText(token.children);
  }
  return out;
}

/** The text of a message without Markdown syntax, blocks separated by spaces. */
export function markdownToPlainText(source: string): string {
  return tokenizeMarkdown(source)
    .map((block) =>
      block.type === 'list' ? block.items.map((item) => inlineToPlainText(item)).join(', ') : inlineToPlainText(block.children),
    )
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function isWhitespace(ch: string): boolean {
  return ch === '' || /\s/.test(ch);
}

function isWordChar(ch: string): boolean {
  return ch !== '' && WORD_CHAR.test(ch);
}

function runLength(src: string, at: number, ch: string): number {
  let end = at;
  while (src.charAt(end) === ch) end++;
  return end - at;
}

/** Index of the backtick run of exactly `length` closing a code span opened before `from`, or -1. */
function findCodeClose(src: string, from: number, length: number, budget: ScanBudget): number {
  if (budget.left <= 0) return -1;
  let at = src.indexOf('`', from);
  while (at !== -1) {
    const run = runLength(src, at, '`');
    if (run === length) {
      budget.left -= at - from;
      return at;
    }
    at = src.indexOf('`', at + run);
  }
  budget.left -= src.length - from;
  return -1;
}

/** Skips a code span or escape starting at `at`; returns the index after it, or `at` when none. */
function skipOpaque(src: string, at: number, budget: ScanBudget): number {
  const ch = src.charAt(at);
  if (ch === '\\') return at + 2;
  if (ch === '`') {
    const run = runLength(src, at, '`');
    const close = findCodeClose(src, at + run, run, budget);
    return close === -1 ? at + run : close + run;
  }
  return at;
}

/** Index of the emphasis closer `delim` for an opener ending at `from`, or -1. */
function findEmphasisClose(src: string, from: number, delim: string, budget: ScanBudget): number {
  const ch = delim.charAt(0);
  let at = from + 1; // at least one character of content
  while (at < src.length) {
    if (--budget.left < 0) return -1;
    const skipped = skipOpaque(src, at, budget);
    if (skipped !== at) {
      at = skipped;
      continue;
    }
    if (src.charAt(at) !== ch) {
      at++;
      continue;
    }
    const run = runLength(src, at, ch);
    const before = src.charAt(at - 1);
    const closes =
      !isWhitespace(before) &&
      (delim.length === 2 ? run >= 2 : run === 1) &&
      (ch !== '_' || !isWordChar(src.charAt(at + run)));
    if (closes) return delim.length === 2 ? at + run - 2 : at;
    at += run;
  }
  return -1;
}

/** Index of the `]` matching the `[` at `open`, or -1. */
function findLabelClose(src: string, open: number, budget: ScanBudget): number {
  let depth = 0;
  let at = open + 1;
  while (at < src.length) {
    if (--budget.left < 0) return -1;
    const skipped = skipOpaque(src, at, budget);
    if (skipped !== at) {
      at = skipped;
      continue;
    }
    const ch = src.charAt(at);
    if (ch === '[') depth++;
    else if (ch === ']') {
      if (depth === 0) return at;
      depth--;
    }
    at++;
  }
  return -1;
}

/** Parses `(href "title")` at `open`; returns the raw href and the index after `)`. */
function parseDestination(src: string, open: number, budget: ScanBudget): {href: string; end: number} | null {
  if (src.charAt(open) !== '(') return null;
  let depth = 0;
  let at = open + 1;
  while (at < src.length) {
    if (--budget.left < 0) return null;
    const ch = src.charAt(at);
    if (ch === '\\') {
      at += 2;
      continue;
    }
    if (ch === '\n') return null;
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) break;
      depth--;
    }
    at++;
  }
  if (at >= src.length) return null;
  let inner = src.slice(open + 1, at).trim();
  const titled = /^(\S+)\s+(?:"[^"]*"|'[^']*')$/.exec(inner);
  if (titled) inner = titled[1] ?? '';
  if (inner.startsWith('<') && inner.endsWith('>')) inner = inner.slice(1, -1);
  if (inner === '' || /\s/.test(inner)) return null;
  return {href: inner, end: at + 1};
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let at = text.indexOf(ch); at !== -1; at = text.indexOf(ch, at + 1)) n++;
  return n;
}

/**
 * Drops trailing punctuation that more likely ends the sentence than the URL: a closing `)` or `]`
 * only when the URL closes more of them than it opens. Linear: the brackets are counted once.
 */
function trimAutolink(url: string): string {
  let end = url.length;
  const balance = {')': count(url, ')') - count(url, '('), ']': count(url, ']') - count(url, '[')};
  for (;;) {
    const last = url.charAt(end - 1);
    if (/[.,:;!?'"*_~]/.test(last)) {
      end--;
      continue;
    }
    if ((last === ')' || last === ']') && balance[last] > 0) {
      balance[last]--;
      end--;
      continue;
    }
    break;
  }
  return url.slice(0, end);
}

function parseInline(src: string, depth: number, allowLinks: boolean, budget: ScanBudget): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  const unmatched = new Set<string>();
  let text = '';
  const flush = (): void => {
    if (text !== '') out.push({type: 'text', text});
    text = '';
  };
  const nested = depth < MAX_DEPTH;

  let at = 0;
  while (at < src.length) {
    const ch = src.charAt(at);

    if (ch === '\\' && ESCAPABLE.test(src.charAt(at + 1))) {
      text += src.charAt(at + 1);
      at += 2;
      continue;
    }
    if (ch === '\n') {
      flush();
      out.push({type: 'break'});
      at++;
      continue;
    }
    if (ch === '`') {
      const run = runLength(src, at, '`');
      const close = unmatched.has(`code${run}`) ? -1 : findCodeClose(src, at + run, run, budget);
      if (close === -1) {
        unmatched.add(`code${run}`);
        text += src.slice(at, at + run);
        at += run;
        continue;
      }
      let code = src.slice(at + run, close).replace(/\n/g, ' ');
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
      flush();
      out.push({type: 'code', text: code});
      at = close + run;
      continue;
    }
    if (nested && allowLinks && ch === '[' && !unmatched.has(']')) {
      const close = findLabelClose(src, at, budget);
      if (close === -1) unmatched.add(']');
      const destination = close === -1 ? null : parseDestination(src, close + 1, budget);
      if (destination) {
        flush();
        const children = parseInline(src.slice(at + 1, close), depth + 1, false, budget);
        out.push({type: 'link', href: destination.href, children});
        at = destination.end;
        continue;
      }
    }
    if (allowLinks && ch === '<') {
      ANGLE_URL.lastIndex = at;
      const match = ANGLE_URL.exec(src);
      if (match) {
        const href = match[1] ?? '';
        flush();
        out.push({type: 'link', href, children: [{type: 'text', text: href}]});
        at += match[0].length;
        continue;
      }
    }
    if (allowLinks && (ch === 'h' || ch === 'H') && budget.left > 0 && !isWordChar(src.charAt(at - 1))) {
      BARE_URL.lastIndex = at;
      const match = BARE_URL.exec(src);
      budget.left -= match ? match[0].length : 0;
      const url = match ? trimAutolink(match[0]) : '';
      if (/^https?:\/\/[^/?#]/i.test(url)) {
        flush();
        out.push({type: 'link', href: url, children: [{type: 'text', text: url}]});
        at += url.length;
        continue;
      }
    }
    if (nested && (ch === '*' || ch === '_')) {
      const emphasis = parseEmphasis(src, at, depth, allowLinks, unmatched, budget);
      if (emphasis) {
        flush();
        out.push(emphasis.token);
        at = emphasis.end;
        continue;
      }
    }
    text += ch;
    at++;
  }
  flush();
  return out;
}

/** `**strong**`, `__strong__`, `*em*` or `_em_` opening at `at`, or null (the caller keeps one literal char). */
function parseEmphasis(
  src: string,
  at: number,
  depth: number,
  allowLinks: boolean,
  unmatched: Set<string>,
  budget: ScanBudget,
): {token: MarkdownInline; end: number} | null {
  const ch = src.charAt(at);
  // Intraword underscores (snake_case) are never emphasis.
  if (ch === '_' && isWordChar(src.charAt(at - 1))) return null;
  const delim = src.charAt(at + 1) === ch ? ch + ch : ch;
  if (unmatched.has(delim) || isWhitespace(src.charAt(at + delim.length))) return null;
  const close = findEmphasisClose(src, at + delim.length, delim, budget);
  if (close === -1) {
    unmatched.add(delim);
    return null;
  }
  const children = parseInline(src.slice(at + delim.length, close), depth + 1, allowLinks, budget);
  return {token: {type: delim.length === 2 ? 'strong' : 'em', children}, end: close + delim.length};
}
