// Renders the Markdown token tree as lit templates. Text only ever lands in text bindings, and an
// href only after safeLinkUrl() accepted it; a link the policy refuses is shown as its label text.
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {renderLink} from './link.js';
import type {MarkdownLabels} from './link.js';
import {tokenizeMarkdown} from './markdown-tokenize.js';
import type {MarkdownBlock, MarkdownInline} from './markdown-tokenize.js';
import {safeLinkUrl} from './safe-url.js';

function renderInline(tokens: readonly MarkdownInline[], labels: MarkdownLabels): unknown[] {
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
      case 'link': {
        const href = safeLinkUrl(token.href);
        const children = renderInline(token.children, labels);
        return href === null ? children : renderLink(href, children, labels);
      }
    }
  });
}

function renderBlock(block: MarkdownBlock, labels: MarkdownLabels): TemplateResult {
  switch (block.type) {
    case 'paragraph':
      return html`<p>${renderInline(block.children, labels)}</p>`;
    case 'heading':
      return html`<p class="heading"><strong>${renderInline(block.children, labels)}</strong></p>`;
    case 'list': {
      const items = block.items.map((item) => html`<li>${renderInline(item, labels)}</li>`);
      return block.ordered
        ? html`<ol start=${block.start === 1 ? nothing : block.start}>${items}</ol>`
        : html`<ul>${items}</ul>`;
    }
  }
}

/** Agent text as safe rich text. */
export function renderMarkdown(text: string, labels: MarkdownLabels): TemplateResult {
  return html`${tokenizeMarkdown(text).map((block) => renderBlock(block, labels))}`;
}
