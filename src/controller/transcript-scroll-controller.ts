// Keeps a scrolling transcript at its newest content while the reader is there ("pinned"): after
// each render, whenever the content grows on its own (images loading, the panel shown again), and
// in the frame of a long replay's first paint. Scrolling up lets go; scrolling back down pins again.
import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** Distance from the bottom (px) within which the transcript keeps following new content. */
export const STICKY_BOTTOM_PX = 48;

export interface TranscriptScrollOptions {
  /** The scrolling element, when rendered. */
  readonly scroller: () => HTMLElement | null;
  /** Its content, whose growth is watched, when rendered. */
  readonly content: () => Element | null;
}

export class TranscriptScrollController implements ReactiveController {
  readonly #options: TranscriptScrollOptions;
  #pinned = true;
  #resizeObserver: ResizeObserver | null = null;
  #growthFrame = 0;
  /**
   * Moved in the page and not rendered since: a re-inserted scroller starts at the top again, and
   * WebKit reports that as a scroll, which must not read as "the reader scrolled up".
   */
  #reattached = false;

  constructor(host: ReactiveControllerHost, options: TranscriptScrollOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** The scroller's `scroll` listener: pinned while within STICKY_BOTTOM_PX of the bottom. */
  onScroll(): void {
    const scroller = this.#options.scroller();
    if (!scroller || this.#reattached) return;
    this.#pinned = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= STICKY_BOTTOM_PX;
  }

  /** Content grows above the reader ("show earlier"): keep their place instead of following the bottom. */
  unpin(): void {
    this.#pinned = false;
  }

  /**
   * Call after each render, once everything that can change the transcript's size is applied (the
   * host's custom states: a page may style them). `firstPaint`: a replay's first paint.
   */
  rendered(firstPaint: boolean): void {
    this.#reattached = false;
    this.#observe();
    if (this.#pinned) this.#keepPinned(firstPaint);
  }

  hostDisconnected(): void {
    this.#reattached = true;
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = null;
    if (this.#growthFrame !== 0) cancelAnimationFrame(this.#growthFrame);
    this.#growthFrame = 0;
  }

  /**
   * Scroll to the newest message after a render. A replay's first paint does it in the frame
   * (requestAnimationFrame runs before that frame's layout and paint, so the newest messages are
   * painted in place): reading scrollHeight in this task would force a layout of its own, on top
   * of the frame's.
   */
  #keepPinned(firstPaint: boolean): void {
    if (!firstPaint || typeof requestAnimationFrame !== 'function') {
      this.#scrollToBottom();
      return;
    }
    requestAnimationFrame(() => {
      if (this.#pinned) this.#scrollToBottom();
    });
  }

  #scrollToBottom(): void {
    const scroller = this.#options.scroller();
    // Instant, not smooth: smooth scrolling would race streamed growth and read as "user scrolled up".
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }

  #observe(): void {
    if (this.#resizeObserver || typeof ResizeObserver === 'undefined') return;
    const content = this.#options.content();
    if (!content) return;
    // Content can grow without an update of the host (images loading, the panel being shown again).
    let seen = -1;
    const observer = new ResizeObserver((entries) => {
      const size = entries.at(-1)?.contentRect.height ?? -1;
      const changed = size !== seen;
      seen = size;
      const scroller = this.#options.scroller();
      const behind = scroller ? scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight >= 1 : false;
      if (this.#pinned && behind) this.#scrollToBottom();
      // A size change (or our scroll) can bring the slices of an expanded huge message
      // (`content-visibility: auto`) into view, and Firefox and WebKit lay those out in this same
      // frame, after this callback: the content resizes again while still watched, and they report
      // "ResizeObserver loop completed with undelivered notifications" to the page's window.onerror
      // (a page's error tracker would log it). So look away until the next frame: observing again
      // reports whatever size the content has by then, and stays on once it holds still. (Whole
      // messages do not skip layout for this reason: a message laid out lazily resizes the content
      // whenever anything moves the chat on the page, at any point of the observer's loop.)
      if (!(changed || (this.#pinned && behind)) || typeof requestAnimationFrame !== 'function') return;
      observer.unobserve(content);
      cancelAnimationFrame(this.#growthFrame);
      this.#growthFrame = requestAnimationFrame(() => {
        this.#growthFrame = 0;
        if (this.#resizeObserver === observer) observer.observe(content);
      });
    });
    this.#resizeObserver = observer;
    this.#resizeObserver.observe(content);
  }
}
