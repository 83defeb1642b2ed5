// The rare views' chunk (thumbs, handoff banner, cards) cannot be loaded, as when the network is
// down: an ended chat still offers Try again and Start a new conversation, renders do not ask for
// the chunk again, and updateComplete settles. The session chunk's lazy part is put in the state a
// failed load leaves it in (nothing loaded, load() starting nothing until back online), so the test
// does not depend on what the browser already fetched for the test files before this one.
import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {rareViews} from '../../src/element/session-chunk.js';
import {chatFixture, part, text} from '../helpers/browser/chat-fixture.js';

/** Resolves with true when the element's updateComplete settles within a few frames. */
function settlesSoon(promise: Promise<unknown>): Promise<boolean> {
  let frames = 0;
  return new Promise((resolve) => {
    void promise.then(() => resolve(true));
    const tick = (): void => void (++frames > 30 ? resolve(false) : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  });
}

type Mutable<T> = {-readonly [K in keyof T]: T[K]};

describe('an ended chat while the rare views cannot be loaded', () => {
  const part_ = rareViews as Mutable<typeof rareViews>;
  const original = {get: part_.get, load: part_.load, online: part_.online};
  let loads = 0;

  beforeEach(() => {
    loads = 0;
    part_.get = () => null;
    part_.load = () => {
      loads++;
      return null; // what a part answers after a failed load, until the browser is back online
    };
    part_.online = () => new Promise<void>(() => undefined); // and the browser stays offline
  });
  afterEach(() => {
    Object.assign(part_, original);
    setDefaultRuntimeFactory(null);
  });

  it('shows the end panel with Try again and Start a new conversation, which work; updateComplete settles', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" feedback="end messages"></poly-chat>`, {status: 'live'});
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

    // Renders while the views are missing (a new language each) settle, and each asks once per view
    // that needs the part (the end rating, the thumbs): a bounded number, never a render loop.
    const before = loads;
    for (const lang of ['de', 'fr', 'en']) {
      chat.el.lang = lang;
      expect(await settlesSoon(chat.el.updateComplete)).to.equal(true);
    }
    expect(loads - before).to.be.within(1, 6, 'a few asks per render, never a loop');
  });
});
