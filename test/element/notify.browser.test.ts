// Issue 18 item 8: `notify` gets the visitor's attention while the chat is out of view. "title": the
// unread count in front of the page's title while the tab is hidden, and exactly the page's own title
// back afterwards. "sound": a quiet synthesised tone for a new agent message while the chat is out of
// sight, only once the visitor interacted with the page (autoplay rules). The tab's visibility is
// simulated (document.visibilityState overridden, visibilitychange dispatched), the audio with a
// stand-in AudioContext that records what it is asked to play.
import {aTimeout, expect, html} from '@open-wc/testing';
import {nothing} from 'lit';
import {sendKeys} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import {chatFixture, part} from '../helpers/browser/chat-fixture.js';
import type {ChatFixture} from '../helpers/browser/chat-fixture.js';
import {agentMessage, systemMessage, userMessage} from '../helpers/browser/messages.js';

const PAGE_TITLE = 'Order status';

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => state});
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Adds messages from the agent (each call is one batch, as frames bring them). */
async function agentSays(chat: ChatFixture, ...texts: string[]): Promise<void> {
  await chat.set({messages: [...chat.el.messages, ...texts.map((text) => agentMessage(text))]});
}

/** A launcher whose conversation runs while its panel is closed (it starts when first opened). */
async function closedLauncher(notify: string | null): Promise<ChatFixture> {
  const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open notify=${notify ?? nothing}></poly-chat>`, {status: 'live'});
  chat.el.open = false;
  await chat.el.updateComplete;
  return chat;
}

let savedTitle = '';

beforeEach(() => {
  savedTitle = document.title;
  document.title = PAGE_TITLE;
});

afterEach(() => {
  delete (document as {visibilityState?: unknown}).visibilityState;
  document.title = savedTitle;
  setDefaultRuntimeFactory(null);
});

describe('<poly-chat notify="title">', () => {
  it('puts the closed launcher\'s unread count in front of the title while the tab is hidden, and takes it away when the tab is shown', async () => {
    const chat = await closedLauncher('title');
    await agentSays(chat, 'One');
    expect(document.title, 'tab visible: the badge is enough').to.equal(PAGE_TITLE);

    setVisibility('hidden');
    expect(document.title).to.equal(`(1) ${PAGE_TITLE}`);
    await agentSays(chat, 'Two');
    await chat.set({messages: [...chat.el.messages, userMessage('mine'), systemMessage('notice')]});
    expect(document.title, 'only messages from others count').to.equal(`(2) ${PAGE_TITLE}`);

    setVisibility('visible');
    expect(document.title).to.equal(PAGE_TITLE);
  });

  it('counts what came while the tab was hidden for a chat in view (inline)', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" notify="title"></poly-chat>`, {status: 'live'});
    await agentSays(chat, 'Seen');
    setVisibility('hidden');
    expect(document.title).to.equal(PAGE_TITLE);
    await agentSays(chat, 'One');
    await agentSays(chat, 'Two');
    expect(document.title).to.equal(`(2) ${PAGE_TITLE}`);
    setVisibility('visible');
    expect(document.title).to.equal(PAGE_TITLE);
    setVisibility('hidden');
    expect(document.title, 'read once the tab was shown').to.equal(PAGE_TITLE);
  });

  it('keeps a title the page set while hidden, with the count in front, and removes only the count', async () => {
    const chat = await closedLauncher('title');
    setVisibility('hidden');
    await agentSays(chat, 'One');
    expect(document.title).to.equal(`(1) ${PAGE_TITLE}`);

    document.title = 'Order shipped';
    await aTimeout(0); // the title's mutation is observed
    expect(document.title).to.equal('(1) Order shipped');
    document.title = `${document.title} - Shop`; // a page that edits the title it finds
    await aTimeout(0);
    expect(document.title).to.equal('(1) Order shipped - Shop');

    setVisibility('visible');
    expect(document.title).to.equal('Order shipped - Shop');
  });

  it('gives the page its title back when the chat is read, the word is removed or the element leaves', async () => {
    const chat = await closedLauncher('title sound');
    setVisibility('hidden');
    await agentSays(chat, 'One');
    expect(document.title).to.equal(`(1) ${PAGE_TITLE}`);
    chat.el.open = true;
    await chat.el.updateComplete;
    expect(document.title, 'read').to.equal(PAGE_TITLE);

    chat.el.open = false;
    await agentSays(chat, 'Two');
    expect(document.title).to.equal(`(1) ${PAGE_TITLE}`);
    chat.el.setAttribute('notify', 'sound');
    await chat.el.updateComplete;
    expect(document.title, 'word removed').to.equal(PAGE_TITLE);

    chat.el.setAttribute('notify', 'title');
    await chat.el.updateComplete;
    expect(document.title).to.equal(`(1) ${PAGE_TITLE}`);
    chat.el.remove();
    expect(document.title, 'element gone').to.equal(PAGE_TITLE);
    document.title = 'Next';
    await aTimeout(0);
    expect(document.title, 'nothing watches the title any more').to.equal('Next');
  });

  it('leaves the title alone without notify', async () => {
    const chat = await closedLauncher(null);
    setVisibility('hidden');
    await agentSays(chat, 'One');
    expect(part(chat.el, 'launcher-badge')).to.not.equal(null);
    expect(document.title).to.equal(PAGE_TITLE);
  });
});

/** A stand-in for the Web Audio API: records contexts and the tones started on them. */
class FakeAudioContext {
  static created: FakeAudioContext[] = [];
  readonly destination = {};
  readonly currentTime = 0;
  state = 'running';
  tones = 0;

  constructor() {
    FakeAudioContext.created.push(this);
  }

  resume(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.state = 'closed';
    return Promise.resolve();
  }

  createOscillator(): object {
    const connect = <T>(node: T): T => node;
    return {frequency: {value: 0}, connect, start: () => this.tones++, stop: () => undefined};
  }

  createGain(): object {
    const connect = <T>(node: T): T => node;
    return {gain: {setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined}, connect};
  }
}

describe('<poly-chat notify="sound">', () => {
  let original: PropertyDescriptor | undefined;

  beforeEach(() => {
    FakeAudioContext.created = [];
    original = Object.getOwnPropertyDescriptor(window, 'AudioContext');
    Object.defineProperty(window, 'AudioContext', {configurable: true, writable: true, value: FakeAudioContext});
  });

  afterEach(() => {
    if (original) Object.defineProperty(window, 'AudioContext', original);
    else delete (window as {AudioContext?: unknown}).AudioContext;
  });

  const tones = (): number => FakeAudioContext.created.reduce((sum, context) => sum + context.tones, 0);

  it('makes no sound before the visitor interacted with the page, then one tone per burst while the launcher is closed', async () => {
    const chat = await closedLauncher('sound');
    await agentSays(chat, 'Before any gesture');
    expect(FakeAudioContext.created, 'no audio before a gesture').to.have.length(0);

    await sendKeys({press: 'Shift'});
    expect(FakeAudioContext.created, 'the first gesture creates the audio').to.have.length(1);
    await sendKeys({press: 'Shift'});
    expect(FakeAudioContext.created, 'once').to.have.length(1);

    await agentSays(chat, 'One');
    expect(tones()).to.equal(1);
    await agentSays(chat, 'Two', 'Three');
    expect(tones(), 'the same burst').to.equal(1);
    expect(document.title, 'no title without the word').to.equal(PAGE_TITLE);
  });

  it('stays quiet while the chat is in sight, and rings for a hidden tab even with the panel open', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" notify="sound" open></poly-chat>`, {status: 'live'});
    await sendKeys({press: 'Shift'});
    await agentSays(chat, 'In sight');
    await chat.set({messages: [...chat.el.messages, userMessage('mine')]});
    expect(tones()).to.equal(0);
    setVisibility('hidden');
    await agentSays(chat, 'Hidden tab');
    expect(tones()).to.equal(1);
  });

  it('closes its audio when the element leaves the page', async () => {
    const chat = await closedLauncher('sound');
    await sendKeys({press: 'Shift'});
    chat.el.remove();
    expect(FakeAudioContext.created[0]?.state).to.equal('closed');
  });
});
