import {expect, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {chatFixture, part, text} from '../helpers/browser/chat-fixture.js';
import {agentMessage, systemMessage, userMessage} from '../helpers/browser/messages.js';

/** The element that has focus, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<poly-chat mode="launcher">', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('renders a launcher button and a hidden panel, and starts no runtime until first opened', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher"></poly-chat>`);
    const launcher = part(chat.el, 'launcher');
    const panel = part(chat.el, 'panel');
    expect(launcher?.tagName).to.equal('BUTTON');
    expect(launcher?.getAttribute('aria-expanded')).to.equal('false');
    expect(launcher?.getAttribute('aria-controls')).to.equal(panel?.id);
    expect(panel?.hidden).to.equal(true);
    expect(chat.runtimes.created).to.have.length(0);
    expect(chat.el.status).to.equal('idle');

    launcher?.click();
    await chat.el.updateComplete;
    expect(chat.el.open).to.equal(true);
    expect(chat.el.hasAttribute('open')).to.equal(true);
    expect(panel?.hidden).to.equal(false);
    expect(panel?.getAttribute('role')).to.equal('dialog');
    expect(launcher?.getAttribute('aria-expanded')).to.equal('true');
    expect(chat.runtimes.created).to.have.length(1);
    expect(chat.runtime.callsOf('start')).to.have.length(1);
  });

  it('starts right away when it is connected already open', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`);
    expect(chat.runtimes.created).to.have.length(1);
  });

  it('keeps the conversation running when the panel closes', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`);
    chat.el.open = false;
    await chat.el.updateComplete;
    expect(chat.runtime.disposed).to.equal(false);
    expect(chat.runtimes.created).to.have.length(1);
  });

  it('counts unread agent messages while closed, shows them on the launcher, and clears them on open', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live'});
    const greeting = agentMessage('Hello');
    await chat.set({messages: [greeting]});
    chat.el.open = false;
    await chat.el.updateComplete;
    expect(part(chat.el, 'launcher-badge')).to.equal(null);

    const mine = userMessage('hi');
    await chat.set({messages: [greeting, mine]}); // the user's own: not unread
    await chat.set({messages: [greeting, mine, agentMessage('One')]});
    await chat.set({messages: [...chat.el.messages, systemMessage('notice')]}); // notices: not unread
    await chat.set({messages: [...chat.el.messages, agentMessage('Two')]});
    expect(part(chat.el, 'launcher-badge')?.querySelector('[aria-hidden="true"]')?.textContent).to.equal('2');
    // Accessible name = the content minus the aria-hidden digit: "Open chat 2 unread messages".
    expect(text(part(chat.el, 'launcher')?.querySelector('.visually-hidden'))).to.equal('Open chat');
    expect(text(part(chat.el, 'launcher-badge')?.querySelector('.visually-hidden'))).to.equal('2 unread messages');

    part(chat.el, 'launcher')?.click();
    await chat.el.updateComplete;
    expect(part(chat.el, 'launcher-badge')).to.equal(null);
    expect(text(part(chat.el, 'launcher'))).to.equal('Close chat');
  });

  it('does not count messages that arrive while open', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live'});
    await chat.set({messages: [agentMessage('a')]});
    await chat.set({messages: [...chat.el.messages, agentMessage('b')]});
    chat.el.open = false;
    await chat.el.updateComplete;
    expect(part(chat.el, 'launcher-badge')).to.equal(null);
  });

  it('closes on Escape from inside the panel and returns focus to the launcher', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live'});
    part(chat.el, 'input')?.focus();
    await sendKeys({press: 'Escape'});
    await chat.el.updateComplete;
    expect(chat.el.open).to.equal(false);
    expect(part(chat.el, 'panel')?.hidden).to.equal(true);
    expect(deepActiveElement()).to.equal(part(chat.el, 'launcher'));
  });

  it('minimise button closes the panel and returns focus to the launcher', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live'});
    const minimize = part(chat.el, 'minimize-button');
    minimize?.focus();
    minimize?.click();
    await chat.el.updateComplete;
    expect(chat.el.open).to.equal(false);
    expect(deepActiveElement()).to.equal(part(chat.el, 'launcher'));
  });

  it('has no launcher or minimise button inline, and the panel is a region', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    expect(part(chat.el, 'launcher')).to.equal(null);
    expect(part(chat.el, 'minimize-button')).to.equal(null);
    expect(part(chat.el, 'panel')?.getAttribute('role')).to.equal('region');
    expect(part(chat.el, 'panel')?.hidden).to.equal(false);
  });

  it('Escape does nothing to an inline chat', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    part(chat.el, 'input')?.focus();
    await sendKeys({press: 'Escape'});
    await chat.el.updateComplete;
    expect(part(chat.el, 'panel')?.hidden).to.equal(false);
    expect(deepActiveElement()).to.equal(part(chat.el, 'input'));
  });

  it('mirrors the visual viewport into private custom properties while the launcher panel is open', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher"></poly-chat>`);
    expect(chat.el.style.getPropertyValue('--_poly-chat-viewport-height')).to.equal('');
    chat.el.open = true;
    await chat.el.updateComplete;
    expect(chat.el.style.getPropertyValue('--_poly-chat-viewport-height')).to.equal(`${Math.round(window.visualViewport?.height ?? 0)}px`);
    chat.el.open = false;
    await chat.el.updateComplete;
    expect(chat.el.style.getPropertyValue('--_poly-chat-viewport-height')).to.equal('');
  });
});
