// A GFM pipe table (loaded on demand with code blocks: element/markdown-extras-chunk.ts). Cells are
// inline Markdown rendered by the caller; alignment is a class (a style attribute would break a
// strict CSP). The table scrolls sideways inside its bubble when it is wider than the bubble, and
// its scroller takes keyboard focus so it can be scrolled without a pointer.
// It gets lit's `html` from the session chunk instead of importing lit (see markdown-extras-chunk.ts).
import type {TemplateResult, html as litHtml} from 'lit';
import type {MarkdownInline, MarkdownTable, MarkdownTableAlign} from './markdown-tokenize.js';

function alignClass(align: MarkdownTableAlign | undefined): string {
  return align ? `align-${align}` : '';
}

export type TableRenderer = (block: MarkdownTable, label: string, renderCell: (cell: readonly MarkdownInline[]) => unknown) => TemplateResult;

export function tableRenderer(html: typeof litHtml): TableRenderer {
  // A focusable scroller is a named region, so a screen reader says what took focus.
  return (block, label, renderCell) => html`<div class="table-scroll" tabindex="0" role="region" aria-label=${label}>
    <table part="table">
      <thead>
        <tr>
          ${block.head.map((cell, column) => html`<th scope="col" class=${alignClass(block.align[column])}>${renderCell(cell)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${block.rows.map(
          (row) => html`<tr>${row.map((cell, column) => html`<td class=${alignClass(block.align[column])}>${renderCell(cell)}</td>`)}</tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
