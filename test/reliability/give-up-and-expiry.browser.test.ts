// Issue 14, behaviours 3 and 4 end to end against the simulator: giving up is not forgetting (Try
// again resumes the same conversation with its queued messages), and a dead session is told apart
// from a dead network whatever retry budget the session advertises. Long waits run 10× faster.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import type {CredentialsProvider} from '../../src/model/session-api.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {receivedUserMessages, sessionRecords} from '../helpers/browser/sim-transcript.js';
import {freshConversation, simControl, waitFor} from '../helpers/browser/simulator-client.js';

const FAST = {keepMs: 250, factor: 10} as const;

function statusesOf(el: PolyChat): string[] {
  const statuses: string[] = [];
  el.addEventListener('poly-chat-status-change', (event) => statuses.push(event.status));
  return statuses;
}

const newConversationNotices = (el: PolyChat): number =>
  el.messages.filter((message) => message.role === 'system' && message.noticeKey?.startsWith('new-conversation')).length;

describe('a dead session versus a dead network (issue 14)', () => {
  let world: RealChatWorld;
  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('an expired session becomes a new conversation with a notice even when max_reconnect_attempts is 1', async function () {
    this.timeout(30_000);
    await simControl({command: 'capabilities', maxReconnectAttempts: 1});
    world = installRealRuntime({fastForward: FAST});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${freshConversation()}></poly-chat>`);
    const first = await untilGreeted(el);
    const statuses = statusesOf(el);
    await simControl({command: 'expireSession', sessionId: first});
    await waitFor(() => el.status === 'live' && el.sessionId !== null && el.sessionId !== first, 'a new conversation', 25_000);
    expect(statuses).to.not.include('ended', 'never a failed chat');
    expect(newConversationNotices(el)).to.equal(1);
  });

  it('a gateway refusing handshakes for over a minute keeps a conversation whose server allows 10 attempts', async function () {
    this.timeout(30_000);
    await simControl({command: 'capabilities', maxReconnectAttempts: 10});
    world = installRealRuntime({fastForward: FAST});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${freshConversation()}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    const statuses = statusesOf(el);
    const socketsBefore = world.sockets.count;
    // 7 refused handshakes in a row: backoff 1 + 2 + 4 + 8 + 16 + 30 + 30 s of the client's time.
    await simControl({command: 'refuseHandshakes', sessionId, count: 7, status: 404});
    await simControl({command: 'drop', sessionId});
    await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
    await waitFor(() => el.status === 'live', 'back once the gateway lets it through', 25_000);
    expect(world.sockets.count - socketsBefore).to.equal(8, 'seven refused sockets, then the one that opened');
    expect(el.sessionId).to.equal(sessionId, 'the same conversation');
    expect(statuses).to.not.include('ended');
    expect(newConversationNotices(el)).to.equal(0);
  });
});

describe('giving up is not forgetting (issue 14)', () => {
  let world: RealChatWorld;
  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('when retries run out the chat offers Try again, which resumes the same conversation and sends what was queued', async function () {
    this.timeout(30_000);
    await simControl({command: 'capabilities', maxReconnectAttempts: 2});
    world = installRealRuntime({fastForward: FAST});
    // The network goes down for the credentials endpoint and PolyAI alike.
    let down = false;
    const fresh = freshConversation();
    const credentials: CredentialsProvider = async (request) => {
      if (down) throw new TypeError('Failed to fetch');
      return fresh(request);
    };
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${credentials}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    down = true;
    await simControl({command: 'refuseHandshakes', sessionId, count: 100});
    await simControl({command: 'drop', sessionId});
    await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
    el.send('written while the network was down');
    await waitFor(() => el.status === 'ended', 'gave up', 25_000);
    await el.updateComplete;
    const panel = el.shadowRoot?.querySelector('[part~="end-panel"]');
    expect(panel?.querySelector('.end-text')?.textContent?.trim()).to.equal('We could not reconnect. Your conversation is kept: try again, or start a new one.');
    expect(el.messages.at(-1)?.delivery).to.equal('sending', 'still queued');

    down = false;
    await simControl({command: 'reset', sessionId});
    const tryAgain = panel?.querySelector<HTMLButtonElement>('[part~="reconnect-button"]');
    expect(tryAgain?.textContent?.trim()).to.equal('Try again');
    tryAgain?.click();
    await waitFor(() => el.status === 'live', 'live again', 15_000);
    expect(el.sessionId).to.equal(sessionId, 'the same conversation');
    await waitFor(() => el.messages.find((message) => message.text === 'written while the network was down')?.delivery === 'sent', 'the queued message delivered');
    const received = receivedUserMessages(await sessionRecords([sessionId]));
    const queued = el.messages.find((message) => message.text === 'written while the network was down');
    expect(received.get(queued?.clientEventId ?? '')).to.equal(1, 'delivered once, to this conversation');
    expect(newConversationNotices(el)).to.equal(0);
  });

  it('reconnect() is the same as Try again; "Start a new conversation" leaves undelivered messages failed', async function () {
    this.timeout(20_000);
    world = installRealRuntime({fastForward: FAST});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${freshConversation()}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    await simControl({command: 'close', sessionId, code: 1000});
    await waitFor(() => el.status === 'ended', 'ended by a close 1000 without SESSION_END');
    el.reconnect();
    await waitFor(() => el.status === 'live', 'live again');
    expect(el.sessionId).to.equal(sessionId);

    await simControl({command: 'refuseHandshakes', sessionId, count: 100});
    await simControl({command: 'drop', sessionId});
    await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
    el.send('meant for the first conversation');
    await el.restart();
    await waitFor(() => el.status === 'live' && el.sessionId !== sessionId, 'a new conversation');
    await waitFor(() => el.messages.some((message) => message.role === 'agent' && message.complete && message.text.startsWith('Hi')) && el.messages.filter((m) => m.role === 'agent').length >= 2, 'the new greeting');
    const stale = el.messages.find((message) => message.text === 'meant for the first conversation');
    expect(stale?.delivery).to.equal('failed', 'shown failed, with Retry');
    const received = receivedUserMessages(await sessionRecords([el.sessionId ?? '']));
    expect(received.size).to.equal(0, 'nothing went into the new conversation by itself');
  });
});
