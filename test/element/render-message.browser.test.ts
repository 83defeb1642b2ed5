// The `renderMessage` hook: a host's own message layout around (or instead of) the default one.
import {expect, html, oneEvent} from '@open-wc/testing';
import type {TemplateResult} from 'lit';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import type {PolyChatErrorEvent} from '../../src/events/error-event.js';
import type {PolyChatMessage} from '../../src/protocol/message.js';
import {$$, chatFixture, part, parts, text} from '../helpers/browser/chat-fixture.js';
import {agentMessage, liveAgentMessage, userMessage} from '../helpers/browser/messages.js';

const hostile = '<img src=x onerror="window.__pwnedByHook=1"><script>window.__pwnedByHook=1</script>';

/** A host's layout: live-agent messages in its own card with the author's name; others unchanged. */
function cardLayout(message: PolyChatMessage, defaultTemplate: TemplateResult): unknown {
  return message.role === 'live-agent'
    ? html`<article class="host-card" data-author=${message.author ?? ''}><h3>${message.author}</h3><p>${message.text}</p></article>`
    : defaultTemplate;
}

describe('renderMessage', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it("renders the host's template for the messages it chooses and the default for the others", async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" .renderMessage=${cardLayout}></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage('Hi **there**'), liveAgentMessage('I am Sam', {author: 'Sam'}), userMessage('ok')]});
    const cards = $$(chat.el, 'article.host-card');
    expect(cards.map((card) => [text(card.querySelector('h3')), text(card.querySelector('p'))])).to.deep.equal([['Sam', 'I am Sam']]);
    expect(part(chat.el, 'message-live-agent')).to.equal(null);
    expect(part(chat.el, 'message-agent')?.querySelector('strong')?.textContent).to.equal('there');
    expect(text(part(chat.el, 'message-user'))).to.contain('ok');
  });

  it('can wrap the default template', async () => {
    const wrap = (_message: PolyChatMessage, defaultTemplate: TemplateResult): unknown => html`<div class="host-wrap">${defaultTemplate}</div>`;
    const chat = await chatFixture(html`<poly-chat endpoint="/e" .renderMessage=${wrap}></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage('one'), agentMessage('two')]});
    expect($$(chat.el, '.host-wrap > [part~="message-agent"]').map((node) => text(node.querySelector('[part~="bubble"]')))).to.deep.equal(['one', 'two']);
  });

  it('server text in a host template through lit bindings stays text', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" .renderMessage=${cardLayout}></poly-chat>`, {status: 'live'});
    await chat.set({messages: [liveAgentMessage(hostile, {author: hostile})]});
    const card = $$(chat.el, 'article.host-card')[0];
    expect(card?.querySelector('p')?.textContent).to.equal(hostile);
    expect(card?.querySelector('h3')?.textContent).to.equal(hostile);
    expect(card?.getAttribute('data-author')).to.equal(hostile);
    expect(card?.querySelectorAll('img, script')).to.have.length(0);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect((window as {__pwnedByHook?: number}).__pwnedByHook).to.equal(undefined);
  });

  it('a host function that throws: every message shows its default layout, one poly-chat-error per function', async () => {
    let calls = 0;
    const broken = (): never => {
      calls++;
      throw new Error('host bug');
    };
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    const errors: string[] = [];
    chat.el.addEventListener('poly-chat-error', (event) => errors.push(event.code));
    const first = oneEvent(chat.el, 'poly-chat-error') as unknown as Promise<PolyChatErrorEvent>;
    chat.el.renderMessage = broken;
    await chat.set({messages: [agentMessage('one'), agentMessage('two')]});
    const event = await first;
    expect(event.code).to.equal('render-message-failed');
    expect(event.message).to.contain('host bug');
    expect(parts(chat.el, 'message-agent').map((node) => text(node.querySelector('[part~="bubble"]')))).to.deep.equal(['one', 'two']);
    await chat.set({messages: [agentMessage('one'), agentMessage('two'), agentMessage('three')]});
    await Promise.resolve();
    expect(calls).to.be.at.least(3);
    expect(errors).to.deep.equal(['render-message-failed']);
    expect(parts(chat.el, 'message-agent')).to.have.length(3);
  });

  it('a new function renders every message again; removing it restores the default layout', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" .renderMessage=${cardLayout}></poly-chat>`, {status: 'live'});
    await chat.set({messages: [liveAgentMessage('hello', {author: 'Sam'})]});
    chat.el.renderMessage = (message) => html`<p class="second">${message.text}</p>`;
    await chat.el.updateComplete;
    expect($$(chat.el, 'p.second').map((node) => node.textContent)).to.deep.equal(['hello']);
    chat.el.renderMessage = undefined;
    await chat.el.updateComplete;
    expect(text(part(chat.el, 'message-live-agent')?.querySelector('[part~="bubble"]'))).to.equal('hello');
  });
});
