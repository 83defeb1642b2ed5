// Tables and code blocks in messages: their renderers and styles, `import()`ed (lazy-part.ts) the
// first time a message has one (most conversations never do), so they cost an open chat nothing
// until then. Nothing here imports lit: lit's tags are passed in (view/lit-tags.ts says why).
import type {LitTags} from '../view/lit-tags.js';
import {codeBlockRenderer} from '../view/code-block.js';
import {tableRenderer} from '../view/markdown-table.js';
import {markdownExtrasStyles} from './markdown-extras.styles.js';

export function createMarkdownExtras(lit: LitTags) {
  return {
    renderCodeBlock: codeBlockRenderer(lit.html),
    renderTable: tableRenderer(lit.html),
    styles: markdownExtrasStyles(lit.css),
  };
}
