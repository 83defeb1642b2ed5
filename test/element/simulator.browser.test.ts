// The UI over the real SessionRuntime, against the PolyAI simulator mounted on the test server
// (web-test-runner.config.mjs → server/dev/services.ts). The other element tests use a FakeRuntime;
// this one guards the seam between them: event shapes, snapshot fields, notices.
import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import type {PolyChat} from '../../src/element/poly-chat.js';
import '../../src/poly-chat.js';
import {browserEnv} from '../../src/runtime/runtime-env.js';
import {SessionRuntime} from '../../src/runtime/session-runtime.js';
import {$, part, parts, text} from '../helpers/browser/chat-fixture.js';

const ENDPOINT = '/api/poly-chat/session';
const WAIT = {timeout: 10_000};

const lastMessageComplete = (el: PolyChat): boolean => el.messages.at(-1)?.complete === true && el.messages.at(-1)?.role !== 'user';

describe('<poly-chat> with the real runtime and the simulator', () => {
  before(() => setDefaultRuntimeFactory((options) => new SessionRuntime(options, browserEnv())));
  after(() => setDefaultRuntimeFactory(null));

  it('holds a streamed conversation: greeting, markdown, suggestions, language change, handoff, end', async () => {
    const el = await fixture<PolyChat>(html`<poly-chat endpoint=${ENDPOINT} streaming></poly-chat>`);
    const messageEvents: string[] = [];
    el.addEventListener('poly-chat-message', (event) => messageEvents.push(event.message.id));

    await waitUntil(() => el.status === 'live' && parts(el, 'message-agent').length > 0 && lastMessageComplete(el), 'no greeting', WAIT);
    expect(el.sessionId).to.be.a('string');

    (part(el, 'input') as HTMLTextAreaElement).focus();
    await sendKeys({type: 'markdown please'});
    await sendKeys({press: 'Enter'});
    await waitUntil(() => text(part(el, 'delivery')) === 'Sent', 'user message never confirmed', WAIT);
    await waitUntil(() => lastMessageComplete(el) && el.messages.length >= 3, 'no markdown reply', WAIT);
    const reply = parts(el, 'message-agent').at(-1);
    expect(reply?.querySelector('strong')).to.not.equal(null);
    expect(reply?.querySelector('li')).to.not.equal(null);
    expect(reply?.querySelector('a[target="_blank"][rel="noopener noreferrer"]')).to.not.equal(null);

    el.send('xss');
    await waitUntil(() => lastMessageComplete(el) && el.messages.length >= 5, 'no xss reply', WAIT);
    expect(el.shadowRoot?.querySelectorAll('script, iframe, object, [onerror], [onclick], a[href^="javascript"]')).to.have.length(0);

    el.send('suggest');
    await waitUntil(() => parts(el, 'suggestion').length > 0, 'no suggestions', WAIT);
    const before = el.messages.length;
    parts(el, 'suggestion')[0]?.click();
    await waitUntil(() => parts(el, 'suggestion').length === 0 || el.messages.length > before, 'suggestion not sent', WAIT);

    el.send('arabic');
    await waitUntil(() => el.lang.startsWith('ar'), 'no language change', WAIT);
    expect($(el, '.root')?.getAttribute('dir')).to.equal('rtl');

    el.send('agent');
    await waitUntil(() => el.status === 'handoff', 'no handoff', WAIT);
    await waitUntil(() => part(el, 'handoff-banner')?.dataset['phase'] === 'connected', 'no live agent', {timeout: 20_000});
    expect(text(part(el, 'handoff-banner'))).to.contain('Priya');

    el.end();
    await waitUntil(() => el.status === 'ended', 'not ended', WAIT);
    // status follows the runtime at once; the render that shows it comes in the next frame.
    await el.updateComplete;
    expect(part(el, 'end-panel')).to.not.equal(null);
    expect((part(el, 'input') as HTMLTextAreaElement).disabled).to.equal(true);
    expect(messageEvents.length).to.be.greaterThan(5);
    await expect(el).to.be.accessible();
  });
});
