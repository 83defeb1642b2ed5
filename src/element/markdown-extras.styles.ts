// Styles of tables and code blocks in messages, loaded with their renderers
// (markdown-extras-chunk.ts) and adopted after the panel's; they read the same private custom
// properties (poly-chat.styles.ts).
// A function of lit's `css`, which the session chunk passes in (see markdown-extras-chunk.ts).
import type {CSSResult, css as litCss} from 'lit';

export const markdownExtrasStyles = (css: typeof litCss): CSSResult => css`
  .code-block {
    overflow: hidden;
    border: 1px solid var(--_poly-chat-border);
    border-radius: 8px;
    background: var(--_poly-chat-background);
    color: var(--_poly-chat-text);
  }
  .code-toolbar {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 2px 4px 2px 10px;
    border-block-end: 1px solid var(--_poly-chat-border);
    font-size: 0.75em;
    color: var(--_poly-chat-muted);
  }
  .code-lang {
    flex: 1;
  }
  .copy-button {
    padding: 4px 8px;
    border: 0;
    border-radius: 6px;
    background: none;
    color: var(--_poly-chat-accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .copy-button:hover {
    background: var(--_poly-chat-surface);
  }
  .code-block pre {
    margin: 0;
    padding: 8px 10px;
    overflow-x: auto;
    white-space: pre;
    overflow-wrap: normal;
  }
  .code-block code {
    padding: 0;
    background: none;
  }
  .table-scroll {
    overflow-x: auto;
    max-inline-size: 100%;
  }
  .table-scroll table {
    border-collapse: collapse;
    overflow-wrap: normal;
  }
  .table-scroll th,
  .table-scroll td {
    padding: 4px 8px;
    border: 1px solid var(--_poly-chat-border);
    text-align: start;
    vertical-align: top;
  }
  .table-scroll .align-left {
    text-align: left;
  }
  .table-scroll .align-center {
    text-align: center;
  }
  .table-scroll .align-right {
    text-align: right;
  }
`;
