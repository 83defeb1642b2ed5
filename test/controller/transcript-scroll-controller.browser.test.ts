// TranscriptScrollController alone, on a small lit host with a 100px scroller of 20px lines: it
// follows new content while the reader is at the bottom, lets go when they scroll up, and keeps
// following growth that comes without a render until the host is disconnected.
import {expect, fixture, html} from '@open-wc/testing';
import {LitElement, css} from 'lit';
import type {PropertyDeclarations} from 'lit';
import {STICKY_BOTTOM_PX, TranscriptScrollController} from '../../src/controller/transcript-scroll-controller.js';

class ScrollHost extends LitElement {
  static override styles = css`
    /* No scroll anchoring: only the controller moves the scroller. */
    .scroller {
      height: 100px;
      overflow: auto;
      overflow-anchor: none;
    }
    p {
      margin: 0;
      height: 20px;
    }
  `;
  static override properties: PropertyDeclarations = {lines: {type: Number}};
  lines = 20;
  /** Passed to rendered() by the next update. */
  firstPaint = false;
  readonly pinning = new TranscriptScrollController(this, {
    scroller: () => this.scroller,
    content: () => this.renderRoot.querySelector('.content'),
  });

  get scroller(): HTMLElement {
    return this.renderRoot.querySelector('.scroller') as HTMLElement;
  }

  override render(): unknown {
    return html`<div class="scroller" @scroll=${() => this.pinning.onScroll()}>
      <div class="content">${Array.from({length: this.lines}, (_, i) => html`<p>${i}</p>`)}</div>
    </div>`;
  }

  protected override updated(): void {
    this.pinning.rendered(this.firstPaint);
    this.firstPaint = false;
  }
}
customElements.define('transcript-scroll-host', ScrollHost);

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
/** Two frames: a ResizeObserver callback for the first one's layout has run by then. */
const frames = async (): Promise<void> => {
  await frame();
  await frame();
};
const fromBottom = (scroller: HTMLElement): number => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;

function scrollTo(host: ScrollHost, top: number): void {
  host.scroller.scrollTop = top;
  host.scroller.dispatchEvent(new Event('scroll'));
}

async function addLines(host: ScrollHost, count: number): Promise<void> {
  host.lines += count;
  await host.updateComplete;
}

describe('TranscriptScrollController', () => {
  it('starts at the newest content and follows each render while the reader is at the bottom', async () => {
    const host = await fixture<ScrollHost>(html`<transcript-scroll-host></transcript-scroll-host>`);
    expect(fromBottom(host.scroller)).to.equal(0);
    await addLines(host, 5);
    expect(host.scroller.scrollHeight).to.equal(500);
    expect(fromBottom(host.scroller)).to.equal(0);
  });

  it('lets go when the reader scrolls up, and holds on again within STICKY_BOTTOM_PX of the bottom', async () => {
    const host = await fixture<ScrollHost>(html`<transcript-scroll-host></transcript-scroll-host>`);
    scrollTo(host, 100);
    await addLines(host, 5);
    expect(host.scroller.scrollTop).to.equal(100, 'reading history: not moved');
    scrollTo(host, host.scroller.scrollHeight - host.scroller.clientHeight - STICKY_BOTTOM_PX);
    await addLines(host, 5);
    expect(fromBottom(host.scroller)).to.equal(0);
  });

  it('unpin() keeps the reader\'s place while content grows ("show earlier")', async () => {
    const host = await fixture<ScrollHost>(html`<transcript-scroll-host></transcript-scroll-host>`);
    const top = host.scroller.scrollTop;
    host.pinning.unpin();
    await addLines(host, 5);
    expect(host.scroller.scrollTop).to.equal(top);
  });

  it('follows content that grows without a render (an image loading)', async () => {
    const host = await fixture<ScrollHost>(html`<transcript-scroll-host></transcript-scroll-host>`);
    await frames(); // the scroll event of the first render's scrolling has been handled
    (host.renderRoot.querySelector('p') as HTMLElement).style.height = '220px';
    await frames();
    expect(host.scroller.scrollHeight).to.equal(600);
    expect(fromBottom(host.scroller)).to.equal(0);
  });

  it("scrolls a first paint in the frame that paints it, not in the render's task", async () => {
    const host = await fixture<ScrollHost>(html`<transcript-scroll-host></transcript-scroll-host>`);
    await frames(); // the scroll event of the first render's scrolling has been handled
    host.firstPaint = true;
    await addLines(host, 5);
    expect(fromBottom(host.scroller)).to.equal(100, 'not yet: no layout read in the task that rendered');
    // Our frame callback runs after the controller's, in the same frame, before any ResizeObserver.
    await frame();
    expect(fromBottom(host.scroller)).to.equal(0);
  });

  it('stops watching the content when the host is disconnected, and watches again after its next render', async () => {
    const host = await fixture<ScrollHost>(html`<transcript-scroll-host></transcript-scroll-host>`);
    const parent = host.parentElement as HTMLElement;
    host.remove();
    parent.append(host);
    await frames();
    scrollTo(host, host.scroller.scrollHeight); // the reader is at the bottom
    await frames();
    const lines = Array.from(host.renderRoot.querySelectorAll('p'));
    const grow = async (index: number): Promise<void> => {
      (lines[index] as HTMLElement).style.height = '220px';
      await frames();
    };
    await grow(0);
    expect(fromBottom(host.scroller)).to.equal(200, 'grown while nobody watched: not followed');
    host.requestUpdate();
    await host.updateComplete;
    expect(fromBottom(host.scroller)).to.equal(0);
    await grow(1);
    expect(host.scroller.scrollHeight).to.equal(800);
    expect(fromBottom(host.scroller)).to.equal(0);
  });
});
