// A socket the browser still thinks is open while nothing gets through (a laptop woke from sleep, the
// Wi-Fi changed): the simulator silences it without closing it, the runtime's clock is driven by
// hand, and the chat must notice by itself, reconnect to the same session and lose nothing.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {freshConversation, simControl, simSession, waitFor, waitForAsync} from '../helpers/browser/simulator-client.js';

async function received(sessionId: string, type: string): Promise<number> {
  return (await simSession(sessionId)).received.filter((frame) => frame.type === type).length;
}

describe('a silent socket (laptop sleep, network change)', () => {
  let world: RealChatWorld;

  afterEach(async () => {
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('is declared dead at the heartbeat deadline and replaced; same session, transcript intact', async () => {
    world = installRealRuntime({fakeClock: true});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${freshConversation()}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    const shown = el.messages.map((message) => message.id);
    await simControl({command: 'silence', sessionId});

    world.advance(30_000); // a heartbeat into the void…
    world.advance(30_000); // …and another: 60 s of silence is not yet proof (deadline 2 × 30 s + 10 s)
    expect(el.status).to.equal('live');
    expect(world.sockets.live).to.equal(1);

    world.advance(10_000);
    expect(el.status).to.equal('reconnecting');
    expect(world.sockets.live).to.equal(0, 'the dead socket is closed');
    world.advance(1_200); // first backoff: 1 s ± 20 %
    await waitFor(() => el.status === 'live', 'live again');
    expect(el.sessionId).to.equal(sessionId);
    expect(world.sockets.count).to.equal(2);
    expect(world.sockets.live).to.equal(1);
    expect(el.messages.map((message) => message.id)).to.deep.equal(shown);
    expect(await received(sessionId, 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN')).to.equal(1);
  });

  it('a message sent into the silent socket is delivered exactly once after the reconnect, never marked failed', async () => {
    world = installRealRuntime({fakeClock: true});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${freshConversation()}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    await simControl({command: 'silence', sessionId});
    const deliveries: string[] = [];
    const track = (): void => {
      const delivery = el.messages.find((message) => message.text === 'anyone there?')?.delivery;
      if (delivery && deliveries.at(-1) !== delivery) deliveries.push(delivery);
    };
    el.addEventListener('poly-chat-status-change', track);
    el.send('anyone there?');
    track();
    // Time passes in steps, as a sleeping tab's timers would fire; the chat must sort itself out.
    for (let step = 0; step < 40 && !(el.status === 'live' && deliveries.at(-1) === 'sent'); step++) {
      world.advance(2_500);
      track();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      track();
    }
    await waitFor(() => {
      track();
      return deliveries.at(-1) === 'sent';
    }, 'the message confirmed');
    expect(deliveries).to.deep.equal(['sending', 'sent']);
    expect(el.sessionId).to.equal(sessionId);
    await waitForAsync(async () => (await received(sessionId, 'EVENT_TYPE_USER_MESSAGE')) === 1, 'one delivery');
    expect(el.messages.filter((message) => message.text === 'anyone there?')).to.have.length(1);
  });
});
