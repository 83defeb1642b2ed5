// The rare views' chunk (thumbs, handoff banner, cards) cannot be loaded, as when the network is
// down: an ended chat still offers Try again and Start a new conversation, the failed load is not
// tried again from every render, and updateComplete settles. The test server answers the chunk
// with 503 (test/helpers/server/wtr-middleware.mjs); a module is loaded once per page, so the whole
// file runs in its own page with the chunk blocked from the start.
import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {chatFixture, part, text} from '../helpers/browser/chat-fixture.js';
import {waitForAsync} from '../helpers/browser/simulator-client.js';

const RARE_VIEWS = '/src/element/rare-views-chunk.ts';

async function requestsOf(path: string): Promise<number> {
  const counts = (await (await fetch('/__blocked-modules')).json()) as Record<string, number>;
  return counts[path] ?? 0;
}

/** Resolves with true when the element's updateComplete settles within a few frames. */
function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let frames = 0;
  return new Promise((resolve) => {
    void promise.then(() => resolve(true));
    const tick = (): void => void (++frames > 30 ? resolve(false) : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });
}

describe('an ended chat while the rare views cannot be loaded', () => {
  before(async () => {
    await fetch('/__blocked-modules', {method: 'POST', body: JSON.stringify([RARE_VIEWS])});
  });
  after(async () => {
    setDefaultRuntimeFactory(null);
    await fetch('/__blocked-modules', {method: 'DELETE'});
  });

  it('shows the end panel with Try again and Start a new conversation, which work; updateComplete settles', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="end messages"></poly-chat>`, {status: 'live'});
    // The panel's first paint preloads the rare views: that load fails.
    await waitForAsync(async () => (await requestsOf(RARE_VIEWS)) > 0, 'the rare views asked for');
    expect(await settlesSoon(chat.el.updateComplete)).to.equal(true, 'updateComplete settles after the failed load');

    chat.runtime.update({status: 'ended', endReason: 'failed', reconnectable: true});
    expect(await settlesSoon(chat.el.updateComplete)).to.equal(true, 'updateComplete settles while the views are missing');
    expect(text(part(chat.el, 'end-panel')?.querySelector('.end-text'))).to.equal(
      'We could not reconnect. Your conversation is kept: try again, or start a new one.',
    );
    expect(part(chat.el, 'feedback')).to.equal(null, 'the rating needs the rare views');

    const tryAgain = part(chat.el, 'reconnect-button');
    expect(text(tryAgain)).to.equal('Try again');
    tryAgain?.click();
    expect(chat.runtime.callsOf('retryNow')).to.have.length(1);
    const restart = part(chat.el, 'restart-button');
    expect(text(restart)).to.equal('Start a new conversation');
    restart?.click();
    await chat.el.updateComplete;
    expect(chat.runtime.callsOf('restart')).to.have.length(1);

    // Renders while the views are missing (a restart's updates, a new language) do not ask again.
    const before = await requestsOf(RARE_VIEWS);
    for (const lang of ['de', 'fr', 'en']) {
      chat.el.lang = lang;
      expect(await settlesSoon(chat.el.updateComplete)).to.equal(true);
    }
    expect(await requestsOf(RARE_VIEWS)).to.equal(before, 'no new request from a render');
    expect(before).to.be.at.most(2, 'the preload, and at most one more');
  });
});
