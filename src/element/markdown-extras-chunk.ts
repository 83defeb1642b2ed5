// Tables and code blocks in messages: their renderers and styles, `import()`ed by
// markdown-extras-loader.ts the first time a message has one (most conversations never do), so
// they cost an open chat nothing until then.
//
// Nothing here imports lit: the loader passes in lit's `html` and `css`. A chunk that imports lit
// itself, `import()`ed from the session chunk, makes rolldown move lit out of poly-chat.bundle.js
// into a chunk of its own that the bundle must load at once (rolldown/rolldown#10731).
import type {css, html} from 'lit';
import {codeBlockRenderer} from '../view/code-block.js';
import {tableRenderer} from '../view/markdown-table.js';
import {markdownExtrasStyles} from './markdown-extras.styles.js';

export function createMarkdownExtras(lit: {readonly html: typeof html; readonly css: typeof css}) {
  return {
    renderCodeBlock: codeBlockRenderer(lit.html),
    renderTable: tableRenderer(lit.html),
    markdownExtrasStyles: markdownExtrasStyles(lit.css),
  };
}

export type MarkdownExtrasModule = ReturnType<typeof createMarkdownExtras>;
