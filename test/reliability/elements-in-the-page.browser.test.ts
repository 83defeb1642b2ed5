// <poly-chat> as a page treats it: two on one page, moved around the DOM, removed and added back.
// Sockets are counted on both ends (a WebSocket subclass in the runtime's env, and the simulator's
// per-session count): never a duplicate, never a leak.
import {expect} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {simControl, simSession, waitFor, waitForAsync} from '../helpers/browser/simulator-client.js';

async function serverSockets(sessionId: string): Promise<number> {
  const sessions = (await (await fetch('/__sim/sessions')).json()) as Array<{sessionId: string; sockets: number}>;
  return sessions.find((session) => session.sessionId === sessionId)?.sockets ?? -1;
}

async function userMessagesReceived(sessionId: string): Promise<string[]> {
  return (await simSession(sessionId)).received.filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE').map((frame) => String(frame.payload?.['text']));
}

function chat(container: HTMLElement, credentials = heldConversation()): PolyChat {
  const el = document.createElement('poly-chat');
  el.credentials = credentials.provider;
  container.append(el);
  return el;
}

describe('<poly-chat> in a real page', () => {
  let world: RealChatWorld;
  let page: HTMLElement;

  beforeEach(() => {
    page = document.createElement('div');
    document.body.append(page);
  });

  afterEach(async () => {
    page.remove();
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('two elements on one page are independent: a fault in one is invisible to the other', async () => {
    world = installRealRuntime({fastForward: {keepMs: 250, factor: 20}});
    const a = chat(page);
    const b = chat(page);
    const [sessionA, sessionB] = await Promise.all([untilGreeted(a), untilGreeted(b)]);
    expect(sessionA).to.not.equal(sessionB);
    const statusesB: string[] = [];
    b.addEventListener('poly-chat-status-change', (event) => statusesB.push(event.status));
    await simControl({command: 'drop', sessionId: sessionA});
    await waitFor(() => a.status === 'reconnecting', 'a drops');
    a.send('to a, while it reconnects');
    b.send('to b');
    await waitFor(() => a.status === 'live' && a.messages.at(-1)?.role === 'agent' && a.messages.at(-1)?.complete === true, 'a recovers and replies');
    await waitFor(() => b.messages.at(-1)?.role === 'agent' && b.messages.at(-1)?.complete === true, 'b replies');
    expect(statusesB).to.deep.equal([], 'b never noticed');
    expect(await userMessagesReceived(sessionA)).to.deep.equal(['to a, while it reconnects']);
    expect(await userMessagesReceived(sessionB)).to.deep.equal(['to b']);
    expect(a.messages.some((message) => message.text === 'to b')).to.equal(false);
    expect(b.messages.some((message) => message.text.includes('to a'))).to.equal(false);
    expect(world.sockets.live).to.equal(2);
    a.end();
    await waitFor(() => a.status === 'ended', 'a ends');
    expect(b.status).to.equal('live');
  });

  it('moved in the DOM: keeps its runtime and its one socket; the status never flickers', async () => {
    world = installRealRuntime();
    const other = document.createElement('section');
    page.append(other);
    const el = chat(page);
    const sessionId = await untilGreeted(el);
    const statuses: string[] = [];
    el.addEventListener('poly-chat-status-change', (event) => statuses.push(event.status));
    other.append(el); // disconnected and connected again in one go
    await el.updateComplete;
    page.prepend(el);
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(statuses).to.deep.equal([]);
    expect(world.runtimes).to.have.length(1);
    expect(world.sockets.count).to.equal(1);
    expect(await serverSockets(sessionId)).to.equal(1);
    el.send('after the move');
    await waitFor(() => el.messages.at(-1)?.role === 'agent' && el.messages.at(-1)?.complete === true && el.messages.length === 3, 'a reply');
  });

  it('moved while reconnecting with a message queued: the message is delivered exactly once', async () => {
    world = installRealRuntime({fastForward: {keepMs: 250, factor: 20}});
    const other = document.createElement('section');
    page.append(other);
    const el = chat(page);
    const sessionId = await untilGreeted(el);
    await simControl({command: 'drop', sessionId});
    await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
    el.send('queued, then moved');
    other.append(el);
    await waitFor(() => el.status === 'live' && el.messages.at(-1)?.role === 'agent' && el.messages.at(-1)?.complete === true, 'delivered and answered');
    expect(await userMessagesReceived(sessionId)).to.deep.equal(['queued, then moved']);
    expect(el.messages.filter((message) => message.role === 'user')).to.have.length(1);
    await waitForAsync(async () => (await serverSockets(sessionId)) === 1, 'one socket on the server');
    expect(world.sockets.live).to.equal(1);
  });

  it('removed: its socket closes and no timer is left; added back: one new socket, the same conversation, no second join', async () => {
    world = installRealRuntime();
    const credentials = heldConversation();
    const el = chat(page, credentials);
    const sessionId = await untilGreeted(el);
    const transcript = el.messages.map((message) => message.text);
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const [first] = world.runtimes;
    expect(first?.hasSocket).to.equal(false);
    expect(first?.pendingTimerCount).to.equal(0);
    expect(world.sockets.live).to.equal(0);
    await waitForAsync(async () => (await serverSockets(sessionId)) === 0, 'the server saw the socket close');
    expect(el.status).to.equal('idle');

    page.append(el);
    await waitFor(() => el.status === 'live' && el.messages.length === transcript.length, 'resumed');
    expect(el.sessionId).to.equal(sessionId);
    expect(el.messages.map((message) => message.text)).to.deep.equal(transcript);
    expect(world.sockets.count).to.equal(2);
    expect(world.sockets.live).to.equal(1);
    await waitForAsync(async () => (await serverSockets(sessionId)) === 1, 'one socket on the server');
    const joins = (await simSession(sessionId)).received.filter((frame) => frame.type === 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN');
    expect(joins).to.have.length(1);
    expect(credentials.calls.map((call) => call.newSession)).to.deep.equal([false, false], 'asked for the same conversation');
  });

  it('removed with a message still queued: kept for this tab, and the next element of the conversation sends it once', async () => {
    world = installRealRuntime();
    const credentials = heldConversation();
    const el = chat(page, credentials);
    const sessionId = await untilGreeted(el);
    await simControl({command: 'drop', sessionId});
    await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
    el.send('queued, then the page went away');
    el.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const key = `poly-chat:unsent:${sessionId}`;
    const kept = JSON.parse(sessionStorage.getItem(key) ?? '[]') as Array<{clientEventId: string; text: string; failed: boolean}>;
    expect(kept.map(({text, failed}) => ({text, failed}))).to.deep.equal([{text: 'queued, then the page went away', failed: false}]);
    expect(kept[0]?.clientEventId).to.match(/^[0-9a-f-]{32,36}$/);

    // A new element (a reloaded page) of the same conversation.
    const next = chat(page, credentials);
    await waitFor(() => next.messages.some((message) => message.text === 'queued, then the page went away'), 'shown again at once');
    await waitFor(() => next.status === 'live' && next.messages.at(-1)?.role === 'agent' && next.messages.at(-1)?.complete === true, 'delivered and answered');
    expect(await userMessagesReceived(sessionId)).to.deep.equal(['queued, then the page went away']);
    expect(next.messages.filter((message) => message.role === 'user')).to.have.length(1);
    await waitFor(() => sessionStorage.getItem(key) === null, 'forgotten once confirmed');
  });

  it('removed and added back many times in a row: never more than one socket', async () => {
    world = installRealRuntime();
    const el = chat(page);
    const sessionId = await untilGreeted(el);
    for (let i = 0; i < 10; i++) {
      el.remove();
      page.append(el);
      await el.updateComplete;
    }
    await waitFor(() => el.status === 'live', 'live');
    expect(world.sockets.live).to.equal(1);
    await waitForAsync(async () => (await serverSockets(sessionId)) === 1, 'one socket on the server');
  });
});
