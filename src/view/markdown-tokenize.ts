// A small, safe Markdown subset for agent text: paragraphs, line breaks, **bold**, *italic* /
// _italic_, ~~strikethrough~~, `code`, fenced code blocks, > quotes, GFM pipe tables, - / 1. lists
// (nested by indentation), [links](url), <autolinks> and bare http(s) URLs (plus `#` headings shown
// as bold lines). Pure: text in, token tree out. The tree holds raw strings only; the renderer
// turns it into lit templates (text nodes, never innerHTML) and applies the URL policy.
//
// Blocks are read line by line; quotes and list items parse their own lines again one level
// deeper, at most MAX_DEPTH levels (deeper lines are plain text), so the block pass stays linear.
// Every inline scan is bounded: a delimiter without a closer is remembered, so hostile input such
// as thousands of lone `*` stays linear per nesting level, and nesting itself is capped. On top of
// that one parse has a scan budget proportional to its text: look-aheads (a label's `]`, a
// destination's `)`, an emphasis closer, a code span, a bare URL) draw on it, and once it is spent
// they find nothing, so the rest is plain text. Ordinary text never comes near it; input built to
// make the look-aheads overlap (`[a](` a hundred thousand times: every label closes, no
// destination does) would otherwise rescan the rest of the text from each `[` — minutes for 512 KB.
//
// While a reply streams (`streaming: true`), lines that may still turn into something else are
// held back rather than shown raw for a moment: a fence being typed (one or two backticks or
// tildes), and a last line with a `|` that may become a table's header row (with its partial
// delimiter row). An unclosed fence is a code block up to the end, as CommonMark reads it.
export type MarkdownInline =
  | {readonly type: 'text'; readonly text: string}
  | {readonly type: 'code'; readonly text: string}
  | {readonly type: 'strong'; readonly children: readonly MarkdownInline[]}
  | {readonly type: 'em'; readonly children: readonly MarkdownInline[]}
  | {readonly type: 'del'; readonly children: readonly MarkdownInline[]}
  /** `href` is raw: the renderer decides whether it may become a link. */
  | {readonly type: 'link'; readonly href: string; readonly children: readonly MarkdownInline[]}
  | {readonly type: 'break'};

/** A list item: its first paragraph inline, then any blocks under it (a nested list, code). */
export interface MarkdownListItem {
  readonly children: readonly MarkdownInline[];
  readonly blocks: readonly MarkdownBlock[];
}

export type MarkdownTableAlign = 'left' | 'center' | 'right' | null;

export interface MarkdownCodeBlock {
  readonly type: 'code';
  /** The info string's first word (`js` in ```js), raw; '' when none. */
  readonly lang: string;
  readonly text: string;
}

export interface MarkdownTable {
  readonly type: 'table';
  /** One entry per column. */
  readonly align: readonly MarkdownTableAlign[];
  readonly head: readonly (readonly MarkdownInline[])[];
  /** Each row has exactly as many cells as the head. */
  readonly rows: readonly (readonly (readonly MarkdownInline[])[])[];
}

export type MarkdownBlock =
  | {readonly type: 'paragraph'; readonly children: readonly MarkdownInline[]}
  | {readonly type: 'heading'; readonly children: readonly MarkdownInline[]}
  | {
      readonly type: 'list';
      readonly ordered: boolean;
      /** First number of an ordered list (1 for bullets). */
      readonly start: number;
      readonly items: readonly MarkdownListItem[];
    }
  | {readonly type: 'quote'; readonly children: readonly MarkdownBlock[]}
  | MarkdownCodeBlock
  | MarkdownTable;

export interface TokenizeOptions {
  /** The text is a reply still streaming in: hold back lines that may still change meaning. */
  readonly streaming?: boolean;
}

const MAX_DEPTH = 6;
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const BULLET = /^( {0,3}[-*+][ \t]+)(.*)$/;
const ORDERED = /^( {0,3}(\d{1,9})[.)][ \t]+)(.*)$/;
const HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
/** An opening fence: 3+ backticks (info without backticks) or 3+ tildes, then the info string. */
const FENCE = /^( {0,3})(`{3,}(?=[^`]*$)|~{3,})[ \t]*(\S*)/;
/** One or two fence characters alone: a fence still being typed (held back while streaming). */
const PARTIAL_FENCE = /^ {0,3}(`{1,2}|~{1,2})$/;
const DELIMITER_CELL = /^:?-+:?$/;
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
  /** Each item's lines, its own indentation removed. */
  readonly items: {readonly indent: number; readonly lines: string[]}[];
}

interface TableDraft {
  readonly align: MarkdownTableAlign[];
  readonly head: string[];
  readonly rows: string[][];
}

/** Parses `source` into blocks. Never throws. */
export function tokenizeMarkdown(source: string, options: TokenizeOptions = {}): MarkdownBlock[] {
  const budget: ScanBudget = {left: SCAN_FLOOR + SCAN_PER_CHAR * source.length};
  let lines = source.replace(/\r\n?/g, '\n').split('\n');
  if (options.streaming) lines = settledLines(lines);
  return parseBlocks(lines, 0, budget);
}

/**
 * What of a streaming text can be shown without changing meaning when more arrives: a line not yet
 * begun is not a blank line, a fence being typed is nothing yet, and a last line with a `|` (with
 * the partial delimiter row under it) may still become a table header.
 */
function settledLines(lines: string[]): string[] {
  let end = lines.length;
  // The last line is still arriving unless the text ends with a newline.
  let typing = lines[end - 1] !== '';
  if (!typing && end > 1) end--;
  if (typing && PARTIAL_FENCE.test(lines[end - 1] ?? '')) {
    end--;
    typing = false;
  }
  let head = end - 1;
  if (typing && head > 0 && /^[ \t|:-]*$/.test(lines[head] ?? '')) head--;
  const candidate = lines[head] ?? '';
  const above = lines[head - 1];
  if (candidate.includes('|') && (above === undefined || !above.includes('|')) && !insideFence(lines, head)) end = head;
  return lines.slice(0, end);
}

/** Whether line `at` is inside a fenced code block (fences counted from the top; no nesting). */
function insideFence(lines: readonly string[], at: number): boolean {
  let fence: string | null = null;
  for (let i = 0; i < at; i++) {
    const line = (lines[i] ?? '').trimStart();
    if (fence === null) fence = FENCE.exec(lines[i] ?? '')?.[2] ?? null;
    else if (line.startsWith(fence) && line.trim().replaceAll(fence.charAt(0), '') === '') fence = null;
  }
  return fence !== null;
}

/** Splits a table row on unescaped `|`, dropping the outer pipes. */
function splitRow(line: string): string[] {
  const cells: string[] = [];
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  let cell = '';
  let endsWithPipe = false;
  for (let at = 0; at < row.length; at++) {
    const ch = row.charAt(at);
    endsWithPipe = ch === '|';
    if (ch === '\\') {
      // `\|` is a pipe in the cell, even inside a code span (GFM); other escapes are the inline parser's.
      cell += row.charAt(at + 1) === '|' ? '|' : row.slice(at, at + 2);
      at++;
    } else if (ch === '|') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (!endsWithPipe) cells.push(cell.trim());
  return cells;
}

/** The column alignments of a delimiter row (`| :-- | :-: | --: |`), or null when it is not one. */
function delimiterRow(line: string): MarkdownTableAlign[] | null {
  if (!line.includes('-')) return null;
  const cells = splitRow(line);
  if (cells.length === 0 || !cells.every((cell) => DELIMITER_CELL.test(cell))) return null;
  return cells.map((cell) => {
    const left = cell.startsWith(':');
    const right = cell.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
  });
}

/** A list marker indented less than the item's content: the next item of the list, not a nested one. */
function siblingMarker(line: string, indent: number): boolean {
  return line.length - line.trimStart().length < indent && (BULLET.test(line) || ORDERED.test(line));
}

/** Removes up to `columns` of leading indentation (a tab counts as a whole indent). */
function dedent(line: string, columns: number): string {
  let at = 0;
  while (at < columns && line.charAt(at) === ' ') at++;
  if (at < columns && line.charAt(at) === '\t') at++;
  return line.slice(at);
}

function parseBlocks(lines: readonly string[], depth: number, budget: ScanBudget): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  const nested = depth < MAX_DEPTH;
  const inline = (text: string): MarkdownInline[] => parseInline(text, 0, true, budget);
  // Held in one object so the closures below and the loop agree on the current block.
  const open: {paragraph: string[]; list: ListDraft | null; table: TableDraft | null; quote: string[] | null} = {
    paragraph: [],
    list: null,
    table: null,
    quote: null,
  };

  const flushParagraph = (): void => {
    if (open.paragraph.length > 0) blocks.push({type: 'paragraph', children: inline(open.paragraph.join('\n'))});
    open.paragraph = [];
  };
  const flushList = (): void => {
    const list = open.list;
    if (list) {
      blocks.push({type: 'list', ordered: list.ordered, start: list.start, items: list.items.map((item) => listItem(item.lines))});
    }
    open.list = null;
  };
  const listItem = (itemLines: string[]): MarkdownListItem => {
    const inner = nested ? parseBlocks(itemLines, depth + 1, budget) : [{type: 'paragraph' as const, children: inline(itemLines.join('\n'))}];
    const [first, ...rest] = inner;
    return first?.type === 'paragraph' ? {children: first.children, blocks: rest} : {children: [], blocks: inner};
  };
  const flushTable = (): void => {
    const table = open.table;
    if (table) {
      const width = table.head.length;
      const cells = (row: string[]): MarkdownInline[][] => Array.from({length: width}, (_, i) => inline(row[i] ?? ''));
      blocks.push({type: 'table', align: table.align, head: cells(table.head), rows: table.rows.map(cells)});
    }
    open.table = null;
  };
  const flushQuote = (): void => {
    if (open.quote) blocks.push({type: 'quote', children: parseBlocks(open.quote, depth + 1, budget)});
    open.quote = null;
  };
  const flushAll = (): void => {
    flushParagraph();
    flushList();
    flushTable();
    flushQuote();
  };

  for (let index = 0; index < lines.length; index++) {
    const rawLine = lines[index] ?? '';
    const line = rawLine.replace(/[ \t]+$/, '');
    const lastItem = open.list?.items[open.list.items.length - 1];

    if (line.trim() === '') {
      // Blank lines inside a list item go on only when the item's next line is indented under it.
      let next = index + 1;
      while (next < lines.length && (lines[next] ?? '').trim() === '') next++;
      if (lastItem && /^[ \t]/.test(lines[next] ?? '')) lastItem.lines.push('');
      else flushAll();
      index = next - 1;
      continue;
    }
    if (lastItem && /^[ \t]/.test(line) && !siblingMarker(line, lastItem.indent)) {
      // An indented line continues the list item above it (and may open a nested list in it).
      lastItem.lines.push(dedent(line, lastItem.indent));
      continue;
    }
    const fence = nested ? FENCE.exec(line) : null;
    if (fence) {
      flushAll();
      const [, indent = '', marker = '```', lang = ''] = fence;
      const body: string[] = [];
      let at = index + 1;
      for (; at < lines.length; at++) {
        const candidate = (lines[at] ?? '').trim();
        if (candidate.startsWith(marker) && candidate.replaceAll(marker.charAt(0), '') === '') break;
        body.push(dedent(lines[at] ?? '', indent.length));
      }
      blocks.push({type: 'code', lang, text: body.join('\n')});
      index = at;
      continue;
    }
    const quote = nested ? QUOTE.exec(line) : null;
    if (quote) {
      if (!open.quote) flushAll();
      (open.quote ??= []).push(quote[1] ?? '');
      continue;
    }
    flushQuote();
    if (open.table) {
      if (line.includes('|')) {
        open.table.rows.push(splitRow(line));
        continue;
      }
      flushTable();
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushAll();
      blocks.push({type: 'heading', children: inline(heading[1] ?? '')});
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    if (bullet || ordered) {
      flushParagraph();
      const isOrdered = ordered !== null;
      const marker = (bullet ? bullet[1] : ordered?.[1]) ?? '';
      const content = (bullet ? bullet[2] : ordered?.[3]) ?? '';
      const item = {indent: marker.length, lines: [content]};
      if (open.list && open.list.ordered === isOrdered) {
        open.list.items.push(item);
      } else {
        flushList();
        open.list = {ordered: isOrdered, start: isOrdered ? Number(ordered?.[2] ?? '1') : 1, items: [item]};
      }
      continue;
    }
    flushList();
    // A delimiter row under a paragraph line with as many cells makes that line a table's header.
    const header = open.paragraph[open.paragraph.length - 1];
    const align = header?.includes('|') ? delimiterRow(line) : null;
    const head = align && header ? splitRow(header) : null;
    if (align && head && head.length === align.length) {
      open.paragraph.pop();
      flushParagraph();
      open.table = {align, head, rows: []};
      continue;
    }
    open.paragraph.push(line.trimStart());
  }
  flushAll();
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

function blockToPlainText(block: MarkdownBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return inlineToPlainText(block.children);
    case 'code':
      return block.text;
    case 'quote':
      return block.children.map(blockToPlainText).join(' ');
    case 'list':
      return block.items.map((item) => [inlineToPlainText(item.children), ...item.blocks.map(blockToPlainText)].join(' ')).join(', ');
    case 'table':
      return [block.head, ...block.rows].map((row) => row.map(inlineToPlainText).join(' ')).join(', ');
  }
}

/** The text of a message without Markdown syntax, blocks separated by spaces. */
export function markdownToPlainText(source: string): string {
  return tokenizeMarkdown(source).map(blockToPlainText).join(' ').replace(/\s+/g, ' ').trim();
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
    if (nested && (ch === '*' || ch === '_' || (ch === '~' && src.charAt(at + 1) === '~'))) {
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

/** `**strong**`, `__strong__`, `*em*`, `_em_` or `~~del~~` opening at `at`, or null (the caller keeps one literal char). */
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
  const type = ch === '~' ? 'del' : delim.length === 2 ? 'strong' : 'em';
  return {token: {type, children}, end: close + delim.length};
}
