// Attachment cards ([D] §6.6). URL cards: preview image, title and a call-to-action link; image
// attachments: an <img> with alt text (linked to the full image when a separate preview exists).
// Unknown content types, and cards left with nothing safe to show, are skipped. Comes with
// rare-views-chunk.ts, so it gets lit's tags and its helpers from its loader (rare-views.ts).
import type {TemplateResult} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import type {PolyChatAttachment} from '../protocol/message.js';
import {hideBrokenImage, linkIcon} from './icons.js';
import type {RareViewKit} from './rare-views.js';

export type AttachmentsRenderer = (attachments: readonly PolyChatAttachment[], strings: PolyChatStrings) => unknown;

export function attachmentsRenderer({html, nothing, renderLink, safeImageUrl, safeLinkUrl}: RareViewKit): AttachmentsRenderer {
  function renderUrlCard(attachment: PolyChatAttachment, strings: PolyChatStrings): TemplateResult | typeof nothing {
    const href = safeLinkUrl(attachment.contentUrl);
    const preview = safeImageUrl(attachment.previewImageUrl);
    const title = attachment.title?.trim() ?? '';
    if (!href && !preview && title === '') return nothing;
    const cta = attachment.callToActionText?.trim() || strings.openLink;
    return html`<div part="attachment attachment-card" class="attachment card">
      ${preview
        ? html`<img
            class="preview"
            src=${preview}
            alt=""
            loading="lazy"
            decoding="async"
            referrerpolicy="no-referrer"
            @error=${hideBrokenImage}
          />`
        : nothing}
      <div class="card-body">
        ${title ? html`<p class="card-title">${title}</p>` : nothing}
        ${href ? renderLink(href, html`${linkIcon()}<span>${cta}</span>`, strings, 'attachment-link') : nothing}
      </div>
    </div>`;
  }

  function renderImage(attachment: PolyChatAttachment, strings: PolyChatStrings): TemplateResult | typeof nothing {
    const full = safeImageUrl(attachment.contentUrl);
    const preview = safeImageUrl(attachment.previewImageUrl);
    const src = preview ?? full;
    if (!src) return nothing;
    const title = attachment.title?.trim() ?? '';
    const image = html`<img
      class="image"
      src=${src}
      alt=${title || strings.imageAlt}
      loading="lazy"
      decoding="async"
      referrerpolicy="no-referrer"
      @error=${hideBrokenImage}
    />`;
    return html`<figure part="attachment attachment-image" class="attachment figure">
      ${full && preview && full !== preview ? renderLink(full, image, strings) : image}
      ${title ? html`<figcaption>${title}</figcaption>` : nothing}
    </figure>`;
  }

  /** One attachment, or nothing when it cannot be shown safely. */
  function renderAttachment(attachment: PolyChatAttachment, strings: PolyChatStrings): TemplateResult | typeof nothing {
    switch (attachment.contentType) {
      case 'url':
        return renderUrlCard(attachment, strings);
      case 'image':
        return renderImage(attachment, strings);
      default:
        return nothing;
    }
  }

  return (attachments, strings) => {
    if (attachments.length === 0) return nothing;
    return html`<div class="attachments">${attachments.map((attachment) => renderAttachment(attachment, strings))}</div>`;
  };
}
