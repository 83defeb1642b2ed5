// The browser's own lifecycle signals: `offline` / `online` (no retry storm while offline, an
// immediate reconnect when back), the page hidden and shown, and a back/forward-cache restore
// (`pagehide` / `pageshow`): a quiet socket is probed, a dead one replaced. The runtime's clock is
// driven by hand, so "ten minutes offline" takes no time.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {simControl, simSession, waitFor, waitForAsync} from '../helpers/browser/simulator-client.js';

async function heartbeatsReceived(sessionId: string): Promise<number> {
  return (await simSession(sessionId)).received.filter((frame) => frame.type === 'EVENT_TYPE_HEARTBEAT').length;
}

const part = (el: PolyChat, name: string): HTMLElement | null => el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

describe('page lifecycle and network signals', () => {
  let world: RealChatWorld;
  let statuses: string[];

  async function live(): Promise<{el: PolyChat; sessionId: string}> {
    world = installRealRuntime({fakeClock: true});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${heldConversation().provider}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    statuses = [];
    el.addEventListener('poly-chat-status-change', (event) => statuses.push(event.status));
    return {el, sessionId};
  }

  afterEach(async () => {
    world.uninstall();
    window.dispatchEvent(new Event('online'));
    await simControl({command: 'reset'});
  });

  describe('offline / online', () => {
    it('a drop while offline waits without retrying (ten minutes, not one new socket), then reconnects at once when online', async () => {
      const {el, sessionId} = await live();
      window.dispatchEvent(new Event('offline'));
      await el.updateComplete;
      expect(part(el, 'status-banner')?.dataset['notice']).to.equal('offline');
      await simControl({command: 'drop', sessionId});
      await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
      world.advance(10 * 60_000);
      expect(world.sockets.count).to.equal(1, 'no retry while offline');
      expect(el.status).to.equal('reconnecting');
      window.dispatchEvent(new Event('online'));
      expect(world.sockets.count).to.equal(2, 'reconnects at once, no backoff wait');
      await waitFor(() => el.status === 'live', 'live again');
      expect(el.sessionId).to.equal(sessionId);
    });

    it('going offline with a retry already scheduled parks it; online tries at once', async () => {
      const {el, sessionId} = await live();
      await simControl({command: 'drop', sessionId});
      await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
      window.dispatchEvent(new Event('offline'));
      world.advance(5 * 60_000);
      expect(world.sockets.count).to.equal(1);
      window.dispatchEvent(new Event('online'));
      expect(world.sockets.count).to.equal(2);
      await waitFor(() => el.status === 'live', 'live again');
    });

    it('offline while connected changes nothing but the banner: the socket stays', async () => {
      const {el} = await live();
      window.dispatchEvent(new Event('offline'));
      await el.updateComplete;
      expect(el.status).to.equal('live');
      expect(world.sockets.live).to.equal(1);
      window.dispatchEvent(new Event('online'));
      await el.updateComplete;
      expect(part(el, 'status-banner')).to.equal(null);
      expect(statuses).to.deep.equal([]);
    });
  });

  describe('hidden / shown and the back/forward cache', () => {
    it('hidden keeps the socket; shown after a quiet spell probes it, and a live socket answers: nothing else happens', async () => {
      const {el, sessionId} = await live();
      window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}));
      world.advance(20_000); // quiet, within the heartbeat interval
      const before = await heartbeatsReceived(sessionId);
      const frames = world.sockets.received;
      window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
      await waitForAsync(async () => (await heartbeatsReceived(sessionId)) === before + 1, 'the probe heartbeat');
      await waitFor(() => world.sockets.received > frames, 'its echo');
      world.advance(5_000); // past the probe deadline: answered, so nothing happens
      expect(el.status).to.equal('live');
      expect(world.sockets.count).to.equal(1);
      expect(statuses).to.deep.equal([]);
    });

    it('restored from the back/forward cache with a dead socket: replaced within the probe deadline, same session', async () => {
      const {el, sessionId} = await live();
      window.dispatchEvent(new PageTransitionEvent('pagehide', {persisted: true}));
      await simControl({command: 'silence', sessionId});
      world.advance(20_000);
      window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
      world.advance(5_000); // the probe's deadline: no answer
      expect(el.status).to.equal('reconnecting');
      world.advance(1_200);
      await waitFor(() => el.status === 'live', 'live again');
      expect(el.sessionId).to.equal(sessionId);
      expect(world.sockets.count).to.equal(2);
      expect(world.sockets.live).to.equal(1);
    });

    it('a tab switch (visibilitychange) right after traffic does not probe', async () => {
      const {el, sessionId} = await live();
      const before = await heartbeatsReceived(sessionId);
      document.dispatchEvent(new Event('visibilitychange'));
      world.advance(1_000);
      expect(await heartbeatsReceived(sessionId)).to.equal(before);
      expect(el.status).to.equal('live');
    });
  });
});
