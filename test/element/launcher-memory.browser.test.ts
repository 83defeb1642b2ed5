// Issue 18 item 1: a launcher's open/minimised state and unread count survive navigation within the
// site (sessionStorage), per conversation, and poly-chat-open-change tells every change. A "next page"
// is the element removed and a new one created with the same endpoint in the same tab.
import {expect, fixture, html} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import type {PolyChat} from '../../src/element/poly-chat.js';
import type {PolyChatOpenChangeEvent} from '../../src/events/open-change-event.js';
import {chatFixture, forgetLauncherState, part, text} from '../helpers/browser/chat-fixture.js';
import type {ChatFixture} from '../helpers/browser/chat-fixture.js';
import {agentMessage} from '../helpers/browser/messages.js';

/** Kept under the endpoint resolved against the page, as the credentials client resolves it. */
const RECORD_KEY = `poly-chat:launcher:${new URL('/e', location.href).href}`;

/** Leaves the page: the element goes, the tab's sessionStorage stays. */
function leave(chat: ChatFixture | PolyChat): void {
  ('el' in chat ? chat.el : chat).remove();
}

/** The next page's launcher (same endpoint, same tab), created the way a page creates it. */
async function nextPage(setUp: (el: PolyChat) => void = () => undefined): Promise<PolyChat> {
  const el = document.createElement('poly-chat');
  el.setAttribute('endpoint', '/e');
  el.setAttribute('mode', 'launcher');
  setUp(el);
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  container.append(el);
  await el.updateComplete;
  return el;
}

function badge(el: PolyChat): string {
  return text(part(el, 'launcher-badge')?.querySelector('[aria-hidden="true"]'));
}

/** Records every poly-chat-open-change the element fires. */
function openChanges(el: PolyChat): boolean[] {
  const seen: boolean[] = [];
  el.addEventListener('poly-chat-open-change', (event: PolyChatOpenChangeEvent) => seen.push(event.open));
  return seen;
}

describe('<poly-chat mode="launcher"> across pages', () => {
  afterEach(() => {
    setDefaultRuntimeFactory(null);
    forgetLauncherState();
  });

  it('comes back open on the next page when the visitor left it open, and starts its conversation at once', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher"></poly-chat>`, {status: 'live', sessionId: 's1'});
    part(chat.el, 'launcher')?.click();
    await chat.el.updateComplete;
    leave(chat);

    const seen: boolean[] = [];
    const next = await nextPage((el) => el.addEventListener('poly-chat-open-change', (event) => seen.push(event.open)));
    expect(next.open).to.equal(true);
    expect(next.hasAttribute('open')).to.equal(true);
    expect(part(next, 'panel')?.hidden).to.equal(false);
    expect(chat.runtimes.created.length).to.equal(2);
    expect(seen).to.deep.equal([true]);
  });

  it('comes back minimised with its unread count', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher"></poly-chat>`, {status: 'live', sessionId: 's1'});
    part(chat.el, 'launcher')?.click();
    await chat.el.updateComplete;
    part(chat.el, 'minimize-button')?.click();
    await chat.set({messages: [agentMessage('One')]});
    await chat.set({messages: [...chat.el.messages, agentMessage('Two')]});
    expect(badge(chat.el)).to.equal('2');
    leave(chat);

    const next = await nextPage();
    expect(next.open).to.equal(false);
    expect(part(next, 'panel')?.hidden).to.equal(true);
    expect(badge(next)).to.equal('2');
    expect(text(part(next, 'launcher-badge')?.querySelector('.visually-hidden'))).to.equal('2 unread messages');
    // Still a launcher that was not opened on this page: no conversation until it is.
    expect(chat.runtimes.created.length).to.equal(1);

    part(next, 'launcher')?.click();
    await next.updateComplete;
    expect(badge(next)).to.equal('');
    leave(next);
    expect(badge(await nextPage())).to.equal('');
  });

  it('lets a host that sets open itself win over the stored state, by attribute or by property', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live', sessionId: 's1'});
    leave(chat);
    const closedByProperty = await nextPage((el) => (el.open = false));
    expect(closedByProperty.open).to.equal(false);
    expect(part(closedByProperty, 'panel')?.hidden).to.equal(true);
    leave(closedByProperty);

    // That page left it closed: an `open` attribute still opens it.
    const openedByAttribute = await nextPage((el) => el.setAttribute('open', ''));
    expect(openedByAttribute.open).to.equal(true);
  });

  it('does not carry the state over to a new conversation', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live', sessionId: 's1'});
    chat.el.open = false;
    await chat.set({messages: [agentMessage('One')]});
    expect(badge(chat.el)).to.equal('1');

    // The conversation is replaced (a restart, or the old one was over): its unread messages are not in this one.
    await chat.set({sessionId: 's2', messages: []});
    expect(badge(chat.el)).to.equal('');
    expect(JSON.parse(sessionStorage.getItem(RECORD_KEY) ?? 'null')).to.deep.equal({session: 's2', open: false, unread: 0});
    leave(chat);
    expect(badge(await nextPage())).to.equal('');
  });

  it('keeps a state per endpoint, and none for an inline chat', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live', sessionId: 's1'});
    leave(chat);
    const other = await fixture<PolyChat>(html`<poly-chat endpoint="/other" mode="launcher"></poly-chat>`);
    expect(other.open).to.equal(false);

    const inline = await fixture<PolyChat>(html`<poly-chat endpoint="/inline"></poly-chat>`);
    inline.open = true;
    await inline.updateComplete;
    expect(sessionStorage.getItem(`poly-chat:launcher:${new URL('/inline', location.href).href}`)).to.equal(null);
  });

  it('knows an endpoint by where it points, not how it is written', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {status: 'live', sessionId: 's1'});
    leave(chat);
    // The same endpoint written in full: the same conversation, so the same state.
    const same = await fixture<PolyChat>(html`<poly-chat endpoint=${`${location.origin}/e`} mode="launcher"></poly-chat>`);
    expect(same.open).to.equal(true);
    leave(same);
    // A relative endpoint names the one under the page's own path: on /en/ and /de/, two endpoints.
    const page = location.href;
    try {
      history.replaceState(history.state, '', '/en/help');
      const english = await fixture<PolyChat>(html`<poly-chat endpoint="chat" mode="launcher" open></poly-chat>`);
      leave(english);
      history.replaceState(history.state, '', '/de/hilfe');
      const german = await fixture<PolyChat>(html`<poly-chat endpoint="chat" mode="launcher"></poly-chat>`);
      expect(german.open).to.equal(false);
      leave(german);
      history.replaceState(history.state, '', '/en/other-page');
      const englishAgain = await fixture<PolyChat>(html`<poly-chat endpoint="chat" mode="launcher"></poly-chat>`);
      expect(englishAgain.open).to.equal(true);
    } finally {
      history.replaceState(history.state, '', page);
    }
  });

  it('stores only the panel state, the unread count and the conversation id', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher" open></poly-chat>`, {
      status: 'live',
      sessionId: 's1',
      messages: [agentMessage('Secret words')],
    });
    const stored = Object.keys(sessionStorage).filter((key) => key.startsWith('poly-chat:launcher:'));
    expect(stored).to.deep.equal([RECORD_KEY]);
    expect(JSON.parse(sessionStorage.getItem(RECORD_KEY) ?? 'null')).to.deep.equal({session: 's1', open: true, unread: 0});
    expect(chat.el.open).to.equal(true);
  });

  it('starts closed when the stored state is not its own form', async () => {
    sessionStorage.setItem(RECORD_KEY, '{"session":"s1","open":"yes","unread":2}');
    const el = await nextPage();
    expect(el.open).to.equal(false);
    expect(badge(el)).to.equal('');
  });
});

describe('poly-chat-open-change', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  it('fires on every change: the launcher button, Escape, the property and the attribute', async () => {
    const chat = await chatFixture(html`<poly-chat endpoint="/e" mode="launcher"></poly-chat>`, {status: 'live'});
    const seen = openChanges(chat.el);
    const outside: Event[] = [];
    document.addEventListener('poly-chat-open-change', (event) => outside.push(event), {once: true});

    part(chat.el, 'launcher')?.click();
    await chat.el.updateComplete;
    part(chat.el, 'input')?.focus();
    await sendKeys({press: 'Escape'});
    await chat.el.updateComplete;
    chat.el.open = true;
    await chat.el.updateComplete;
    chat.el.removeAttribute('open');
    await chat.el.updateComplete;
    chat.el.open = false; // no change: no event
    await chat.el.updateComplete;

    expect(seen).to.deep.equal([true, false, true, false]);
    expect(outside).to.have.length(1);
    expect(outside[0]?.composed).to.equal(true);
    expect((outside[0] as PolyChatOpenChangeEvent).detail).to.deep.equal({
      open: true,
    });
  });
});
