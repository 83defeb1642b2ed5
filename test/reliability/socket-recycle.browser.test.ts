// A socket lives at most ~2 hours behind PolyAI's gateway (protocol §3.2): the chat replaces it
// before then, silently. Two hours of heartbeats run on a hand-driven clock, each answered for real.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {RECYCLE_AFTER_MS} from '../../src/machine/policy.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {simControl, simSession, waitFor, waitForAsync} from '../helpers/browser/simulator-client.js';

const HEARTBEAT_MS = 30_000; // the simulator's advertised interval

async function socketsOf(sessionId: string): Promise<number> {
  const sessions = (await (await fetch('/__sim/sessions')).json()) as Array<{sessionId: string; sockets: number}>;
  return sessions.find((session) => session.sessionId === sessionId)?.sockets ?? -1;
}

describe('the socket is recycled before the 2-hour limit', () => {
  let world: RealChatWorld;

  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('without the user noticing: status never leaves live, one socket at a time, nothing lost', async function () {
    this.timeout(60_000);
    world = installRealRuntime({fakeClock: true});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${heldConversation().provider}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    const statuses: string[] = [];
    el.addEventListener('poly-chat-status-change', (event) => statuses.push(event.status));
    const transcript = el.messages.map((message) => message.id);

    // Heartbeat by heartbeat, each echo really coming back, up to just before the recycle.
    let elapsed = 0;
    while (elapsed + HEARTBEAT_MS < RECYCLE_AFTER_MS) {
      const frames = world.sockets.received;
      world.advance(HEARTBEAT_MS);
      elapsed += HEARTBEAT_MS;
      await waitFor(() => world.sockets.received > frames, `the heartbeat echo at ${elapsed / 60_000} min`);
    }
    expect(world.sockets.count).to.equal(1);
    el.send('still with me after almost two hours?');
    await waitFor(() => el.messages.at(-1)?.delivery === 'sent', 'delivered on the old socket');

    world.advance(RECYCLE_AFTER_MS - elapsed);
    expect(world.sockets.count).to.equal(2, 'a replacement socket');
    expect(world.sockets.live).to.equal(1, 'the old one closed first');
    el.send('and now?'); // while the new socket replays
    await waitFor(() => el.messages.filter((message) => message.role === 'user').every((message) => message.delivery === 'sent'), 'delivered');
    await waitFor(() => el.messages.filter((message) => message.role === 'agent' && message.complete).length === 3, 'both replies');
    expect(statuses).to.deep.equal([], 'the user never saw a reconnect');
    expect(el.status).to.equal('live');
    expect(el.sessionId).to.equal(sessionId);
    expect(el.messages.slice(0, transcript.length).map((message) => message.id)).to.deep.equal(transcript);
    const ids = el.messages.map((message) => message.id);
    expect(new Set(ids).size).to.equal(ids.length);
    await waitForAsync(async () => (await socketsOf(sessionId)) === 1, 'one socket on the server');
    const received = (await simSession(sessionId)).received;
    expect(received.filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE')).to.have.length(2);
    expect(received.filter((frame) => frame.type === 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN')).to.have.length(1);
  });
});
