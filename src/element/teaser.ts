// The teaser bubble's behaviour (`teaser`), created by the element when `teaser-delay` is up and the
// visitor has not opened the chat (part of attention-chunk.ts). Shown once per visit: a flag in
// sessionStorage (this tab only) says it was; a page without storage shows it on each page instead.
// It goes for good when the visitor dismisses it (close button, Escape) or the panel opens, however
// it opens. Clicking its text opens the chat the way the launcher button does.
import type {ReactiveController, ReactiveControllerHost, TemplateResult, html} from 'lit';
import type {PolyChatStrings} from '../i18n/strings.js';
import {pageSessionStorage} from '../runtime/page-storage.js';
import {teaserRenderer} from '../view/teaser.js';
import type {TeaserViewOptions} from '../view/teaser.js';
import {teaserStyles} from './teaser.styles.js';

export const TEASER_SHOWN_KEY = 'poly-chat:teaser-shown';

export interface TeaserHost extends ReactiveControllerHost, EventTarget {
  readonly teaser?: string | undefined;
  readonly mode: string;
  readonly open: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly ownerDocument: Document;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** Whether the teaser was shown in this visit already; marks it shown. Storage errors count as "not yet". */
export function takeFirstShowing(storage: StorageLike | null): boolean {
  try {
    if (storage?.getItem(TEASER_SHOWN_KEY)) return false;
    storage?.setItem(TEASER_SHOWN_KEY, '1');
  } catch {
    // Disabled or full storage: shown, without the memory of it.
  }
  return true;
}

/**
 * Adds `cssText` after the styles `root` has: an adopted sheet, or where constructable stylesheets
 * are missing a <style> element (with the page's `litNonce`, as lit does for the element's own).
 */
function adoptAfter(root: ShadowRoot, cssText: string): void {
  if (root.adoptedStyleSheets && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = root.ownerDocument.createElement('style');
  const nonce = (globalThis as {litNonce?: string}).litNonce;
  if (nonce) style.setAttribute('nonce', nonce);
  style.textContent = cssText;
  root.append(style);
}

export class Teaser implements ReactiveController {
  readonly #host: TeaserHost;
  readonly #render: (options: TeaserViewOptions) => TemplateResult;
  #visible: boolean;

  /**
   * `litHtml`: the element's lit `html` (never a second lit); `say`: tells screen readers the
   * teaser's text (the element's polite live region).
   */
  constructor(host: TeaserHost, litHtml: typeof html, say: (text: string) => void) {
    this.#host = host;
    this.#render = teaserRenderer(litHtml);
    this.#visible = takeFirstShowing(pageSessionStorage());
    if (!this.#visible) return;
    host.addController(this);
    const root = host.renderRoot;
    if (root instanceof ShadowRoot) adoptAfter(root, teaserStyles);
    say(host.teaser ?? '');
    host.requestUpdate();
  }

  /** The bubble, while it is to be seen (nothing otherwise). */
  render(strings: PolyChatStrings): TemplateResult | undefined {
    if (!this.#visible || !this.#wanted()) return undefined;
    return this.#render({
      text: this.#host.teaser ?? '',
      dismissLabel: strings.dismiss,
      onOpen: this.#onOpen,
      onDismiss: this.#dismiss,
    });
  }

  // Escape from anywhere on the page, not only from inside the chat: the bubble came unasked, so the
  // visitor must be able to wave it away without finding it first (keydown reaches the document from
  // inside the shadow root too). Nothing is prevented: the page's own Escape works. The listener
  // lives while the element is on the page (addController calls this at once; a move re-adds it).
  hostConnected(): void {
    if (this.#visible) this.#host.ownerDocument.addEventListener('keydown', this.#onKeydown);
  }

  hostDisconnected(): void {
    this.#host.ownerDocument.removeEventListener('keydown', this.#onKeydown);
  }

  hostUpdate(): void {
    // The panel opened (the launcher, the host, a restored state) or the teaser was taken away: gone for good.
    if (this.#visible && !this.#wanted()) this.#hide();
  }

  #wanted(): boolean {
    const host = this.#host;
    return host.mode === 'launcher' && !host.open && Boolean(host.teaser);
  }

  readonly #onKeydown = (event: Event): void => {
    // An Escape the page already used (closing its own dialog) is not also the teaser's.
    if ((event as KeyboardEvent).key === 'Escape' && !event.defaultPrevented && this.#visible) this.#dismiss();
  };

  readonly #onOpen = (): void => {
    // The launcher's own click: the visitor opened the chat (not the host), and focus stays on the
    // button that now closes it, as after a click on the launcher itself.
    const launcher = this.#launcher();
    launcher?.focus();
    launcher?.click();
  };

  readonly #dismiss = (): void => {
    const focusInside = this.#host.renderRoot.querySelector('.teaser:focus-within') !== null;
    this.#hide();
    // The focused button is going away: hand focus to the launcher next to it.
    if (focusInside) this.#launcher()?.focus();
  };

  #hide(): void {
    this.#visible = false;
    this.#host.ownerDocument.removeEventListener('keydown', this.#onKeydown);
    this.#host.requestUpdate();
  }

  #launcher(): HTMLButtonElement | null {
    return this.#host.renderRoot.querySelector<HTMLButtonElement>('[part~="launcher"]');
  }
}
