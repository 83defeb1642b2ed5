// The next page of the site (issue 19 item 4): the conversation's transcript is kept for the tab,
// shown by the next page's element before its credentials, socket and replay answer, and the replay
// then confirms it in place: the same DOM nodes, nothing twice, nothing announced again. A new page
// load is a new element in the same tab (same sessionStorage), with the credentials held back.
import {expect} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import type {CredentialsProvider, PolyChatCredentials} from '../../src/model/session-api.js';
import {MAX_CACHED_MESSAGES} from '../../src/runtime/transcript-cache.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import type {HeldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {simControl, waitFor} from '../helpers/browser/simulator-client.js';

const KEY = 'poly-chat:transcript:credentials';

function chat(container: HTMLElement, credentials: CredentialsProvider): PolyChat {
  const el = document.createElement('poly-chat');
  el.credentials = credentials;
  container.append(el);
  return el;
}

/** The same conversation's credentials, answered only once `release()` is called. */
function heldBack(conversation: HeldConversation): {provider: CredentialsProvider; release(): void; asked: () => number} {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  return {
    provider: async (request): Promise<PolyChatCredentials> => {
      asked++;
      await gate;
      return conversation.provider(request);
    },
    release: () => release(),
    asked: () => asked,
  };
}

function messageNodes(el: PolyChat): HTMLElement[] {
  return Array.from(el.shadowRoot?.querySelectorAll<HTMLElement>('[part~="message"]') ?? []);
}

/** Everything the polite live region says from now on. */
function announcements(el: PolyChat): string[] {
  const said: string[] = [];
  const region = el.shadowRoot?.querySelector('[data-region="announcements"]');
  if (!region) throw new Error('no live region');
  new MutationObserver(() => {
    const text = region.textContent?.trim() ?? '';
    if (text !== '') said.push(text);
  }).observe(region, {childList: true, characterData: true, subtree: true});
  return said;
}

async function conversation(page: HTMLElement, held: HeldConversation): Promise<{el: PolyChat; sessionId: string}> {
  const el = chat(page, held.provider);
  const sessionId = await untilGreeted(el);
  el.send('hello from page one');
  await waitFor(() => el.messages.at(-1)?.role === 'agent' && el.messages.length >= 3 && el.messages.at(-1)?.complete === true, 'answered');
  return {el, sessionId};
}

/** The page goes away: the element leaves (the copy is written at once). */
async function leave(el: PolyChat): Promise<void> {
  el.remove();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A copy an earlier page kept of a conversation the endpoint no longer holds. */
function keepCopyOfGoneConversation(): void {
  sessionStorage.setItem(
    KEY,
    JSON.stringify({
      session: 'a-conversation-that-is-gone',
      segment: 0,
      messages: [{id: 'm:gone', role: 'agent', text: 'from a conversation that is gone', complete: true, attachments: [], suggestions: [], sequence: 3}],
    }),
  );
}

/** The new socket's history batch has come in and been applied (nothing of the replay is left to come). */
async function replayApplied(world: RealChatWorld, framesBefore: number): Promise<void> {
  await waitFor(() => world.sockets.received > framesBefore && world.runtimes.at(-1)?.snapshot.replaying === false, 'the replay applied');
}

describe('the next page shows the conversation before the network answers', () => {
  let world: RealChatWorld;
  let page: HTMLElement;

  beforeEach(() => {
    page = document.createElement('div');
    document.body.append(page);
  });

  afterEach(async () => {
    page.remove();
    world.uninstall();
    sinonRestore?.();
    sinonRestore = null;
    await simControl({command: 'reset'});
  });

  let sinonRestore: (() => void) | null = null;

  it('paints the kept messages before the socket, then the replay keeps the same nodes, nothing twice, nothing announced again', async () => {
    world = installRealRuntime();
    const held = heldConversation();
    const first = await conversation(page, held);
    const shown = first.el.messages.map((message) => message.text);
    await leave(first.el);
    const stored = sessionStorage.getItem(KEY) ?? '';
    expect(stored).to.include('hello from page one');

    const socketsBefore = world.sockets.count;
    const network = heldBack(held);
    const next = chat(page, network.provider);
    await waitFor(() => messageNodes(next).length === shown.length, 'the kept messages painted');
    expect(world.sockets.count).to.equal(socketsBefore, 'no socket yet');
    expect(next.messages.map((message) => message.text)).to.deep.equal(shown);
    const nodes = messageNodes(next);
    const said = announcements(next);
    const events: string[] = [];
    next.addEventListener('poly-chat-message', (event) => events.push(event.message.text));

    const framesBefore = world.sockets.received;
    network.release();
    await waitFor(() => next.status === 'live' && world.sockets.count === socketsBefore + 1, 'connected');
    await replayApplied(world, framesBefore);
    await next.updateComplete;
    expect(next.sessionId).to.equal(first.sessionId);
    expect(next.messages.map((message) => message.text)).to.deep.equal(shown, 'nothing twice, nothing lost');
    const after = messageNodes(next);
    expect(after).to.have.length(nodes.length);
    after.forEach((node, i) => expect(node === nodes[i], `message ${i} is the same node`).to.equal(true));
    expect(said).to.deep.equal([], 'the live region said none of them again');
    expect(events).to.deep.equal([], 'no poly-chat-message for them again');
    expect(next.shadowRoot?.querySelector('[part~="message"]')?.isConnected).to.equal(true);
  });

  it('keeps messages only, never the token; bounded to the newest messages', async () => {
    world = installRealRuntime();
    const tokens: string[] = [];
    const held = heldConversation((credentials) => {
      tokens.push(credentials.access_token);
      return credentials;
    });
    const first = await conversation(page, held);
    await leave(first.el);
    const stored = sessionStorage.getItem(KEY) ?? '';
    expect(stored).to.not.equal('');
    expect(tokens).to.have.length.greaterThan(0);
    for (const token of tokens) {
      for (const key of Object.keys(sessionStorage)) expect(sessionStorage.getItem(key)).to.not.include(token);
    }
    const record = JSON.parse(stored) as {session: string; messages: unknown[]};
    expect(Object.keys(record).sort()).to.deep.equal(['messages', 'segment', 'session']);
    expect(record.messages.length).to.be.at.most(MAX_CACHED_MESSAGES);
  });

  it('is cleared when the conversation ends, and replaced when a new one starts', async () => {
    world = installRealRuntime();
    const held = heldConversation();
    const first = await conversation(page, held);
    await leave(first.el);
    expect(sessionStorage.getItem(KEY)).to.not.equal(null);

    const next = chat(page, held.provider);
    await waitFor(() => next.status === 'live', 'resumed');
    await next.restart();
    expect(sessionStorage.getItem(KEY), 'restart forgets the old conversation at once').to.equal(null);
    await waitFor(() => next.status === 'live' && next.sessionId !== first.sessionId, 'the new conversation');
    await waitFor(() => (sessionStorage.getItem(KEY) ?? '').includes(next.sessionId ?? '?'), 'the new conversation is kept');
    expect(sessionStorage.getItem(KEY)).to.not.include('hello from page one');

    next.end();
    await waitFor(() => next.status === 'ended', 'ended');
    await waitFor(() => sessionStorage.getItem(KEY) === null, 'an ended conversation is not kept');
  });

  it('a copy of another conversation is replaced by what the server says', async () => {
    world = installRealRuntime();
    keepCopyOfGoneConversation();
    const network = heldBack(heldConversation());
    const el = chat(page, network.provider);
    await waitFor(() => messageNodes(el).length === 1, 'the copy is shown');
    network.release();
    await untilGreeted(el);
    expect(el.messages.some((message) => message.text === 'from a conversation that is gone')).to.equal(false);
    expect(el.shadowRoot?.textContent).to.not.include('from a conversation that is gone');
  });

  it('a message typed over another conversation\'s copy is shown and delivered in the conversation that answers', async () => {
    world = installRealRuntime();
    keepCopyOfGoneConversation();
    const network = heldBack(heldConversation());
    const el = chat(page, network.provider);
    await waitFor(() => messageNodes(el).length === 1, 'the copy is shown');
    el.send('typed on the copy');
    await waitFor(() => messageNodes(el).length === 2, 'the message is shown');
    const typed = messageNodes(el)[1] as HTMLElement;
    expect(typed.textContent).to.include('typed on the copy');
    network.release();
    await waitFor(() => el.messages.some((message) => message.text === 'typed on the copy' && message.delivery === 'sent'), 'delivered in the new conversation');
    expect(el.messages.filter((message) => message.role === 'user').map((message) => message.text)).to.deep.equal(['typed on the copy']);
    // It never vanished in between: the same node went from sending to sent.
    await el.updateComplete;
    expect(messageNodes(el)).to.deep.equal([typed]);
  });

  it('echoes without client_event_id (Q11) do not show the user\'s message twice on the next page', async () => {
    world = installRealRuntime();
    await simControl({command: 'variants', echoWithoutMetadata: true});
    const held = heldConversation();
    const first = await conversation(page, held);
    const shown = first.el.messages.map((message) => message.text);
    await leave(first.el);
    for (const pageNumber of [2, 3]) {
      const framesBefore = world.sockets.received;
      const next = chat(page, held.provider);
      await waitFor(() => next.status === 'live', `page ${pageNumber} resumed`);
      await replayApplied(world, framesBefore);
      expect(next.messages.map((message) => message.text), `page ${pageNumber}`).to.deep.equal(shown);
      await leave(next);
    }
  });

  it('a full storage loses nothing: the chat goes on, and the next page waits for the replay instead', async () => {
    world = installRealRuntime();
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string): void {
      if (key.startsWith('poly-chat:transcript:')) throw new DOMException('full', 'QuotaExceededError');
      setItem.call(this, key, value);
    };
    sinonRestore = () => (Storage.prototype.setItem = setItem);
    const held = heldConversation();
    const first = await conversation(page, held);
    const shown = first.el.messages.map((message) => message.text);
    await leave(first.el);
    expect(sessionStorage.getItem(KEY)).to.equal(null);
    const next = chat(page, held.provider);
    await waitFor(() => next.status === 'live' && next.messages.length === shown.length, 'resumed from the replay');
    expect(next.messages.map((message) => message.text)).to.deep.equal(shown);
  });
});
