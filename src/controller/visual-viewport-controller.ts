// Keeps a full-screen launcher panel above the on-screen keyboard. Mobile browsers shrink the
// *visual* viewport when the keyboard opens while `100dvh` may not follow, so the visible height and
// offset are mirrored into private custom properties on the host (CSSOM setProperty: allowed under
// a strict `style-src` CSP, unlike inline style attributes). Listens only while `isActive()`.
import type {ReactiveController, ReactiveControllerHost} from 'lit';

export const VIEWPORT_HEIGHT_PROPERTY = '--_poly-chat-viewport-height';
export const VIEWPORT_TOP_PROPERTY = '--_poly-chat-viewport-top';

type Host = ReactiveControllerHost & HTMLElement;

export class VisualViewportController implements ReactiveController {
  readonly #host: Host;
  readonly #isActive: () => boolean;
  #viewport: VisualViewport | null = null;
  #frame: number | null = null;
  readonly #onChange = (): void => this.#schedule();

  constructor(host: Host, isActive: () => boolean) {
    this.#host = host;
    this.#isActive = isActive;
    host.addController(this);
  }

  hostUpdated(): void {
    const want = this.#isActive();
    if (want && !this.#viewport) this.#attach();
    else if (!want && this.#viewport) this.#detach();
  }

  hostDisconnected(): void {
    this.#detach();
  }

  #attach(): void {
    const viewport = typeof window === 'undefined' ? null : (window.visualViewport ?? null);
    if (!viewport) return;
    this.#viewport = viewport;
    viewport.addEventListener('resize', this.#onChange);
    viewport.addEventListener('scroll', this.#onChange);
    this.#apply();
  }

  #detach(): void {
    const viewport = this.#viewport;
    if (viewport) {
      viewport.removeEventListener('resize', this.#onChange);
      viewport.removeEventListener('scroll', this.#onChange);
    }
    this.#viewport = null;
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    this.#frame = null;
    this.#host.style.removeProperty(VIEWPORT_HEIGHT_PROPERTY);
    this.#host.style.removeProperty(VIEWPORT_TOP_PROPERTY);
  }

  #schedule(): void {
    if (this.#frame !== null) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = null;
      this.#apply();
    });
  }

  #apply(): void {
    const viewport = this.#viewport;
    if (!viewport) return;
    this.#host.style.setProperty(VIEWPORT_HEIGHT_PROPERTY, `${Math.round(viewport.height)}px`);
    this.#host.style.setProperty(VIEWPORT_TOP_PROPERTY, `${Math.round(viewport.offsetTop)}px`);
  }
}
