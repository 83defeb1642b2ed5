// Links with the house rules (used by Markdown, attachment cards and the handoff banner).
import {html, nothing} from 'lit';
import type {TemplateResult} from 'lit';
import {opensInNewTab} from './safe-url.js';

export interface MarkdownLabels {
  /** Appended (visually hidden) to links that open a new tab. */
  readonly opensInNewTab: string;
}

/** A link with the house rules: http(s) opens a new tab; every link gets rel="noopener noreferrer". */
export function renderLink(href: string, content: unknown, labels: MarkdownLabels, part = 'link'): TemplateResult {
  const external = opensInNewTab(href);
  return html`<a href=${href} part=${part} target=${external ? '_blank' : nothing} rel="noopener noreferrer" referrerpolicy="no-referrer"
    >${content}${external ? html`<span class="visually-hidden"> ${labels.opensInNewTab}</span>` : nothing}</a
  >`;
}
