// When the conversation cannot go on (the session expired, the server refuses the token, the token
// ran out) the chat starts a new one by itself: a notice, the old transcript kept above it. When the
// host's credentials endpoint is down: backoff, a clear message, and recovery without the user.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import type {PolyChatCredentials} from '../../src/model/session-api.js';
import {freshCookieConversation, heldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {ENDPOINT, simControl, waitFor} from '../helpers/browser/simulator-client.js';

const FAST = {keepMs: 250, factor: 20};

const part = (el: PolyChat, name: string): HTMLElement | null => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

/** Live with one exchange behind it; returns the old transcript's ids. */
async function conversationWithHistory(el: PolyChat): Promise<{sessionId: string; ids: string[]}> {
  const sessionId = await untilGreeted(el);
  el.send('something to remember');
  await waitFor(() => el.messages.filter((message) => message.role === 'agent' && message.complete).length === 2, 'the reply');
  return {sessionId, ids: el.messages.map((message) => message.id)};
}

/** The old transcript, then the notice, then the new conversation's greeting. */
async function expectNewConversation(el: PolyChat, old: {sessionId: string; ids: string[]}, notice: string): Promise<void> {
  await waitFor(() => el.sessionId !== null && el.sessionId !== old.sessionId, 'a new session', 20_000);
  await waitFor(() => el.status === 'live' && el.messages.at(-1)?.role === 'agent' && el.messages.at(-1)?.complete === true, 'the new greeting', 20_000);
  const messages = el.messages;
  expect(messages.slice(0, old.ids.length).map((message) => message.id)).to.deep.equal(old.ids, 'the old transcript is kept');
  const after = messages.slice(old.ids.length);
  expect(after[0]?.role).to.equal('system');
  expect(after[0]?.noticeKey).to.equal(notice);
  expect(after.filter((message) => message.role === 'agent')).to.have.length(1, 'one new greeting');
  expect(el.shadowRoot?.textContent).to.contain('something to remember');
}

describe('the conversation cannot go on', () => {
  let world: RealChatWorld;
  let statuses: string[];
  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  async function chat(credentials: ReturnType<typeof heldConversation>, fakeClock = false): Promise<PolyChat> {
    world = installRealRuntime(fakeClock ? {fakeClock: true} : {fastForward: FAST});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${credentials.provider}></poly-chat>`);
    statuses = [];
    el.addEventListener('poly-chat-status-change', (event) => statuses.push(event.status));
    return el;
  }

  it('the session expired (handshakes answer 404): a new conversation with a notice, the old transcript kept', async () => {
    const held = heldConversation();
    const el = await chat(held);
    const old = await conversationWithHistory(el);
    await simControl({command: 'expireSession', sessionId: old.sessionId});
    await expectNewConversation(el, old, 'new-conversation-expired');
    expect(statuses).to.not.include('ended');
    // Asked its backend for the same conversation first (a refused socket may be the network), then a new one.
    expect(held.calls.map((call) => call.newSession)).to.include(false);
    expect(held.calls.at(-1)?.newSession).to.equal(true);
  });

  it('the server refuses the token (handshakes answer 401): a new conversation, the old transcript kept', async () => {
    const el = await chat(heldConversation());
    const old = await conversationWithHistory(el);
    await simControl({command: 'refuseHandshakes', sessionId: old.sessionId, count: 50, status: 401});
    await simControl({command: 'drop', sessionId: old.sessionId});
    await expectNewConversation(el, old, 'new-conversation-expired');
  });

  it('the server rejects the session (close 4001): a new conversation at once', async () => {
    const el = await chat(heldConversation());
    const old = await conversationWithHistory(el);
    await simControl({command: 'close', sessionId: old.sessionId, code: 4001});
    await expectNewConversation(el, old, 'new-conversation-rejected');
  });

  it('an access token past its expires_in is never used again: the next connection starts a new conversation', async () => {
    const shortLived = (credentials: PolyChatCredentials): PolyChatCredentials => ({...credentials, expires_in: 45});
    const el = await chat(heldConversation(shortLived), true);
    const old = await conversationWithHistory(el);
    const frames = world.sockets.received;
    world.advance(30_000); // a heartbeat, answered
    await waitFor(() => world.sockets.received > frames, 'the heartbeat echo');
    world.advance(16_000); // the token is now 46 s old
    await simControl({command: 'drop', sessionId: old.sessionId});
    await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
    world.advance(1_200); // the retry: with an expired token it goes for a new conversation instead
    await expectNewConversation(el, old, 'new-conversation-expired');
    expect(world.sockets.count).to.equal(2, 'the expired token never opened another socket');
  });
});

describe('the credentials endpoint is down', () => {
  let world: RealChatWorld;
  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('the endpoint answers 502 (PolyAI failing behind it): backoff, a clear message, recovery by itself', async function () {
    this.timeout(30_000);
    world = installRealRuntime({fastForward: FAST});
    await freshCookieConversation(false);
    const el = await fixture<PolyChat>(html`<poly-chat endpoint=${ENDPOINT}></poly-chat>`);
    await untilGreeted(el);
    const errors: Array<{code: string; message: string}> = [];
    el.addEventListener('poly-chat-error', (event) => errors.push({code: event.code, message: event.message}));
    // The reference endpoint tries PolyAI 3 times per request: 6 failures = 2 failed requests.
    await simControl({command: 'restFailures', endpoint: 'access-token', count: 6, status: 500});
    const banners: string[] = [];
    const watch = (): void => {
      const text = part(el, 'status-banner')?.textContent?.replace(/\s+/g, ' ').trim();
      if (text && banners.at(-1) !== text) banners.push(text);
    };
    const restarted = el.restart(); // a new conversation: the endpoint has to mint
    for (let i = 0; i < 400 && !(el.status === 'live' && el.messages.at(-1)?.complete); i++) {
      await el.updateComplete;
      watch();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await restarted;
    await untilGreeted(el);
    expect(errors.map((error) => error.code)).to.deep.equal(['credentials-http', 'credentials-http']);
    expect(errors[0]?.message).to.match(/credentials endpoint \/api\/poly-chat\/session answered HTTP 502/);
    expect(banners.some((text) => /Attempt 1\..*Next try at/.test(text)), banners.join(' | ')).to.equal(true);
    expect(banners.some((text) => /Attempt 2\./.test(text)), banners.join(' | ')).to.equal(true);
    expect(el.status).to.equal('live');
  });

  it('a .credentials callback that throws is retried with backoff until it works', async function () {
    this.timeout(30_000);
    world = installRealRuntime({fastForward: FAST});
    const held = heldConversation();
    let failures = 3;
    const flaky = async (request: {newSession: boolean; streaming: boolean}): Promise<PolyChatCredentials> => {
      if (failures-- > 0) throw new Error('backend unavailable (503)');
      return held.provider(request);
    };
    const el = document.createElement('poly-chat');
    const errors: Array<{code: string; message: string}> = [];
    el.addEventListener('poly-chat-error', (event) => errors.push({code: event.code, message: event.message}));
    el.credentials = flaky;
    document.body.append(el);
    await untilGreeted(el, 20_000);
    el.remove();
    expect(errors.map((error) => error.code)).to.deep.equal(['credentials-network', 'credentials-network', 'credentials-network']);
    expect(errors[0]?.message).to.equal('credentials callback failed: backend unavailable (503)');
  });
});
