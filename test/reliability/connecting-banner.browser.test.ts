// A first connection that keeps failing (the credentials endpoint is down) must not sit on a bare
// "Connecting…" spinner: the banner says it is retrying, when, and offers to retry now.
import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {chatFixture, part, text} from '../helpers/browser/chat-fixture.js';

const timeFormat = new Intl.DateTimeFormat('en', {hour: '2-digit', minute: '2-digit', second: '2-digit'});

describe('the connecting banner after a failed first attempt', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('shows the attempt, the next try and "Retry now" while a retry waits; a plain spinner otherwise', async () => {
    const at = new Date(2030, 0, 1, 9, 15, 30).getTime();
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'connecting'});
    expect(text(part(chat.el, 'status-banner'))).to.equal('Connecting…');
    expect(part(chat.el, 'retry-now-button')).to.equal(null);
    await chat.set({retry: {attempt: 3, at}, error: {code: 'credentials-http', message: 'HTTP 502'}});
    const banner = part(chat.el, 'status-banner');
    expect(banner?.dataset['notice']).to.equal('connecting');
    expect(text(banner)).to.equal(`Connecting… Attempt 3. Next try at ${timeFormat.format(at)}. Retry now`);
    part(chat.el, 'retry-now-button')?.click();
    expect(chat.runtime.callsOf('retryNow')).to.have.length(1);
  });
});
