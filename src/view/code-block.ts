// A fenced code block with a copy button (loaded on demand with tables: element/markdown-extras-chunk.ts).
// The code is a text binding like any other server text. Copying uses the Clipboard API; where it is
// missing (a page not served over https) or refused, the code is selected instead so the reader can
// copy it themselves. Either outcome is said in a polite status next to the button.
// It gets lit's `html` from the session chunk instead of importing lit (see markdown-extras-chunk.ts).
import type {TemplateResult, html as litHtml} from 'lit';
import type {MarkdownCodeBlock} from './markdown-tokenize.js';

export interface CodeBlockLabels {
  /** The copy button's text (and so its accessible name). */
  readonly copyCode: string;
  readonly codeCopied: string;
  readonly codeCopyFailed: string;
  /** The scroller's accessible name. */
  readonly codeBlockLabel: string;
}

async function copyCode(text: string, event: Event, labels: CodeBlockLabels): Promise<void> {
  const block = (event.currentTarget as Element).closest('.code-block');
  const status = block?.querySelector('.copy-status');
  if (!block || !status) return;
  // Emptied first, so a second copy is announced again.
  status.textContent = '';
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch {
    const code = block.querySelector('code');
    if (code) getSelection()?.selectAllChildren(code);
  }
  status.textContent = copied ? labels.codeCopied : labels.codeCopyFailed;
}

export function codeBlockRenderer(html: typeof litHtml): (block: MarkdownCodeBlock, labels: CodeBlockLabels) => TemplateResult {
  // The status region has no binding: lit never rewrites what copyCode() puts in it.
  return (block, labels) => html`<div part="code-block" class="code-block">
    <div class="code-toolbar">
      <span class="code-lang">${block.lang}</span>
      <span class="copy-status" role="status"></span>
      <button type="button" part="copy-button" class="copy-button" @click=${(event: Event) => copyCode(block.text, event, labels)}>
        ${labels.copyCode}
      </button>
    </div>
    <pre dir="ltr" tabindex="0" role="region" aria-label=${labels.codeBlockLabel}><code>${block.text}</code></pre>
  </div>`;
}
