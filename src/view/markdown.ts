// Renders the Markdown token tree as lit templates. Text only ever lands in text bindings, and an
// href only after safeLinkUrl() accepted it; a link the policy refuses is shown as its label text.
// Tables and code blocks are rare, so their renderers (and styles) come in a chunk of their own
// (`extras`, element/markdown-extras-chunk.ts): until it is here they are shown as plain text and
// `needExtras` asks for it.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import type {CodeBlockLabels} from './code-block.js';
import {renderLink} from './link.js';
import type {MarkdownLabels} from './link.js';
import {inlineToPlainText, tokenizeMarkdown} from './markdown-tokenize.js';
import type {MarkdownBlock, MarkdownCodeBlock, MarkdownInline, MarkdownTable} from './markdown-tokenize.js';
import type {TableRenderer} from './markdown-table.js';
import {safeLinkUrl} from './safe-url.js';

/** The renderers of the rarely used blocks, loaded on demand. */
export interface MarkdownExtras {
  readonly renderCodeBlock: (block: MarkdownCodeBlock, labels: CodeBlockLabels) => TemplateResult;
  readonly renderTable: TableRenderer;
}

export interface MarkdownViewOptions {
  /** The text is a reply still streaming in (see tokenizeMarkdown). */
  readonly streaming?: boolean;
  /** Tables and code blocks, once loaded; null: shown as plain text meanwhile. */
  readonly extras?: MarkdownExtras | null;
  /** Called while rendering a table or code block without `extras`. */
  readonly needExtras?: () => void;
}

type Labels = MarkdownLabels & CodeBlockLabels & {readonly tableLabel: string};

function renderInline(tokens: readonly MarkdownInline[], labels: Labels): unknown[] {
  return tokens.map((token) => {
    switch (token.type) {
      case 'text':
        return token.text;
      case 'break':
        return html`<br />`;
      case 'code':
        return html`<code>${token.text}</code>`;
      case 'strong':
        return html`<strong>${renderInline(token.children, labels)}</strong>`;
      case 'em':
        return html`<em>${renderInline(token.children, labels)}</em>`;
      case 'del':
        return html`<del>${renderInline(token.children, labels)}</del>`;
      case 'link': {
        const href = safeLinkUrl(token.href);
        const children = renderInline(token.children, labels);
        return href === null ? children : renderLink(href, children, labels);
      }
    }
  });
}

/** A table or code block before its renderer has arrived: its text, line by line. */
function renderPlainBlock(block: MarkdownCodeBlock | MarkdownTable): TemplateResult {
  const text =
    block.type === 'code' ? block.text : [block.head, ...block.rows].map((row) => row.map(inlineToPlainText).join(' · ')).join('\n');
  return html`<p class="plain-block">${text}</p>`;
}

function renderBlock(block: MarkdownBlock, labels: Labels, options: MarkdownViewOptions): TemplateResult {
  switch (block.type) {
    case 'paragraph':
      return html`<p>${renderInline(block.children, labels)}</p>`;
    case 'heading':
      return html`<p class="heading"><strong>${renderInline(block.children, labels)}</strong></p>`;
    case 'quote':
      return html`<blockquote>${block.children.map((child) => renderBlock(child, labels, options))}</blockquote>`;
    case 'list': {
      const items = block.items.map(
        (item) => html`<li>${renderInline(item.children, labels)}${item.blocks.map((child) => renderBlock(child, labels, options))}</li>`,
      );
      return block.ordered
        ? html`<ol start=${block.start === 1 ? nothing : block.start}>${items}</ol>`
        : html`<ul>${items}</ul>`;
    }
    case 'code':
    case 'table': {
      const extras = options.extras;
      if (!extras) {
        options.needExtras?.();
        return renderPlainBlock(block);
      }
      return block.type === 'code'
        ? extras.renderCodeBlock(block, labels)
        : extras.renderTable(block, labels.tableLabel, (cell) => renderInline(cell, labels));
    }
  }
}

/** Agent text as safe rich text. */
export function renderMarkdown(text: string, labels: Labels, options: MarkdownViewOptions = {}): TemplateResult {
  return html`${tokenizeMarkdown(text, {streaming: options.streaming}).map((block) => renderBlock(block, labels, options))}`;
}
