// Inline SVG icons (lit `svg`, no external requests, no inline styles). Decorative: aria-hidden.
import {html, svg} from 'lit';
import type {TemplateResult} from 'lit';

/** A decorative 24×24 icon around `paths`. */
export const icon = (paths: TemplateResult): TemplateResult =>
  html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${paths}</svg>`;

export const chatIcon = (): TemplateResult =>
  icon(svg`<path d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.2 21a.5.5 0 0 0 .7.6l4-1.9c1 .3 2 .4 3.1.4 5.5 0 10-3.8 10-8.5S17.5 3 12 3z" />`);

export const closeIcon = (): TemplateResult => icon(svg`<path d="M6 6l12 12M18 6L6 18" class="stroke" />`);

export const minimizeIcon = (): TemplateResult => icon(svg`<path d="M6 9l6 6 6-6" class="stroke" />`);

export const sendIcon = (): TemplateResult =>
  icon(svg`<path d="M4.4 4.2a.6.6 0 0 1 .8-.7l15 7.9a.7.7 0 0 1 0 1.2l-15 7.9a.6.6 0 0 1-.8-.7L6.3 12z M6.3 12h7" />`);

export const leaveIcon = (): TemplateResult =>
  icon(svg`<path d="M10 5H6a1 1 0 0 0-1 1v12a1 1 0 0 0 1 1h4M14 8l4 4-4 4M18 12H9" class="stroke" />`);

export const alertIcon = (): TemplateResult =>
  icon(svg`<path d="M12 4l9 16H3zM12 10v4M12 17v.5" class="stroke" />`);

export const phoneIcon = (): TemplateResult =>
  icon(svg`<path d="M6.6 3.5h2.6l1.3 4-1.8 1.3a11 11 0 0 0 6.5 6.5l1.3-1.8 4 1.3v2.6a1.6 1.6 0 0 1-1.7 1.6A16 16 0 0 1 5 5.2a1.6 1.6 0 0 1 1.6-1.7z" class="stroke" />`);

export const personIcon = (): TemplateResult =>
  icon(svg`<path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4.5 20a7.5 7.5 0 0 1 15 0" class="stroke" />`);

export const checkIcon = (): TemplateResult => icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5" class="stroke" />`);

export const linkIcon = (): TemplateResult =>
  icon(svg`<path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" class="stroke" />`);

export const downloadIcon = (): TemplateResult => icon(svg`<path d="M12 4v11M7 10.5l5 5 5-5M5 19.5h14" class="stroke" />`);

/** Hides an <img> whose source failed to load, instead of showing a broken-image box. */
export const hideBrokenImage = (event: Event): void => {
  if (event.target instanceof HTMLImageElement) event.target.hidden = true;
};
