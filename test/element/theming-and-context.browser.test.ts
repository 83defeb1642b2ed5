import {ContextConsumer} from '@lit/context';
import {expect, html} from '@open-wc/testing';
import {LitElement} from 'lit';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {polyChatSessionContext} from '../../src/element/session-context.js';
import type {PolyChatSession} from '../../src/element/session-context.js';
import type {PolyChatStatus} from '../../src/model/snapshot.js';
import {chatFixture, part} from '../helpers/browser/chat-fixture.js';
import {agentMessage, liveAgentMessage, systemMessage, userMessage} from '../helpers/browser/messages.js';

/** A slotted child that reads the session through @lit/context. */
class SessionProbe extends LitElement {
  readonly consumer = new ContextConsumer(this, {context: polyChatSessionContext, subscribe: true});
  get session(): PolyChatSession | undefined {
    return this.consumer.value;
  }
}
customElements.define('session-probe', SessionProbe);

describe('theming, states and context', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('exposes every documented part', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {
      status: 'live',
      typing: {role: 'agent'},
      messages: [
        agentMessage('hi', {
          attachments: [{contentType: 'url', title: 'T', contentUrl: 'https://example.com'}],
          suggestions: ['s'],
        }),
        userMessage('me'),
        liveAgentMessage('human'),
        systemMessage('note'),
        agentMessage('last', {suggestions: ['ok']}),
      ],
      error: {code: 'connection-lost', message: 'y'},
    });
    for (const name of [
      'launcher',
      'panel',
      'header',
      'transcript',
      'message',
      'message-user',
      'message-agent',
      'message-live-agent',
      'message-system',
      'attachment',
      'suggestion',
      'typing-indicator',
      'status-banner',
      'composer',
      'input',
      'send-button',
    ]) {
      expect(part(chat.el, name), name).to.not.equal(null);
    }
  });

  it('reflects the status as a custom state, exactly one at a time', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
    const statuses: PolyChatStatus[] = ['connecting', 'live', 'handoff', 'reconnecting', 'ended'];
    for (const status of statuses) {
      await chat.set({status});
      expect(chat.el.matches(`:state(${status})`), status).to.equal(true);
      for (const other of statuses.filter((name) => name !== status)) expect(chat.el.matches(`:state(${other})`)).to.equal(false);
    }
    const idle = await chatFixture(html`<poly-chat></poly-chat>`);
    expect(idle.el.matches(':state(idle)')).to.equal(true);
  });

  it('has open and unread states in launcher mode', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live'});
    expect(chat.el.matches(':state(open)')).to.equal(true);
    chat.el.open = false;
    await chat.el.updateComplete;
    expect(chat.el.matches(':state(open)')).to.equal(false);
    await chat.set({messages: [agentMessage('new')]});
    expect(chat.el.matches(':state(unread)')).to.equal(true);
  });

  it('lets the page style by state and part from outside', async () => {
    const style = document.createElement('style');
    style.textContent = `
      poly-chat.themed:state(reconnecting)::part(panel) { outline: 3px solid rgb(255, 0, 0); }
      poly-chat.themed::part(message-user) { letter-spacing: 3px; }
    `;
    document.head.append(style);
    try {
      const chat = await chatFixture(html`<poly-chat class="themed" endpoint="/e"></poly-chat>`, {
        status: 'reconnecting',
        messages: [userMessage('hi')],
      });
      expect(getComputedStyle(part(chat.el, 'panel') as Element).outlineColor).to.equal('rgb(255, 0, 0)');
      expect(getComputedStyle(part(chat.el, 'message-user') as Element).letterSpacing).to.equal('3px');
    } finally {
      style.remove();
    }
  });

  it('reads public --poly-chat-* custom properties', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', messages: [userMessage('hi')]});
    chat.el.style.setProperty('--poly-chat-user-bubble-background', 'rgb(1, 2, 3)');
    chat.el.style.setProperty('--poly-chat-accent-color', 'rgb(9, 8, 7)');
    chat.el.style.setProperty('--poly-chat-radius', '3px');
    const bubble = part(chat.el, 'message-user')?.querySelector('[part~="bubble"]') as Element;
    expect(getComputedStyle(bubble).backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(part(chat.el, 'send-button') as Element).backgroundColor).to.equal('rgb(9, 8, 7)');
    expect(getComputedStyle(part(chat.el, 'panel') as Element).borderTopLeftRadius).to.equal('3px');
  });

  it('uses no inline style attributes inside the shadow root (strict CSP)', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {
      status: 'live',
      typing: {role: 'agent'},
      messages: [agentMessage('**hi** https://example.com', {suggestions: ['a']}), userMessage('x', {delivery: 'failed'})],
    });
    expect(chat.el.shadowRoot?.querySelectorAll('[style]')).to.have.length(0);
  });

  it('provides the session (snapshot + api) to slotted children through @lit/context', async () => {
    const chat = await chatFixture(
      html`<poly-chat endpoint="/e"><session-probe slot="header"></session-probe></poly-chat>`,
      {status: 'live', sessionId: 's-1'},
    );
    const probe = chat.el.querySelector('session-probe') as SessionProbe;
    expect(probe.session?.snapshot.sessionId).to.equal('s-1');
    expect(probe.session?.api).to.equal(chat.runtime);
    await chat.set({status: 'handoff'});
    expect(probe.session?.snapshot.status).to.equal('handoff');
    // The header slot replaced the default header content.
    const slot = chat.el.shadowRoot?.querySelector('slot[name="header"]') as HTMLSlotElement;
    expect(slot.assignedElements()).to.deep.equal([probe]);
  });
});
