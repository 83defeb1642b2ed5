import {expect, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import type {HandoffInfo} from '../../src/model/snapshot.js';
import {chatFixture, part, text} from '../helpers/browser/chat-fixture.js';

const timeFormat = new Intl.DateTimeFormat('en', {hour: '2-digit', minute: '2-digit', second: '2-digit'});

/** The element that has focus, looking through shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('banners and panels', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  describe('connection banner', () => {
    it('says connecting while connecting, nothing when live', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      expect(part(chat.el, 'status-banner')?.dataset['notice']).to.equal('connecting');
      expect(text(part(chat.el, 'status-banner'))).to.equal('Connecting…');
      expect(part(chat.el, 'retry-now-button')).to.equal(null);
      await chat.set({status: 'live'});
      expect(part(chat.el, 'status-banner')).to.equal(null);
    });

    it('a history replay going in on the open socket shows the conversation as connected, not connecting', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      expect(text(chat.el.shadowRoot?.querySelector('.header-status'))).to.equal('Connecting…');
      await chat.set({status: 'connecting', replaying: true});
      expect(part(chat.el, 'status-banner')).to.equal(null);
      expect(text(chat.el.shadowRoot?.querySelector('.header-status'))).to.equal('Online');
      expect(chat.el.status).to.equal('connecting', 'the public status stays what the session is');
      await chat.set({status: 'connecting', replaying: false});
      expect(part(chat.el, 'status-banner')?.dataset['notice']).to.equal('connecting');
    });

    it('while reconnecting shows the attempt and the next retry time (no countdown), and "Retry now" retries', async () => {
      const at = new Date(2030, 0, 1, 14, 3, 21).getTime();
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      await chat.set({status: 'reconnecting', retry: {attempt: 2, at}});
      const banner = part(chat.el, 'status-banner');
      expect(banner?.dataset['notice']).to.equal('reconnecting');
      expect(text(banner)).to.contain('Connection lost. Reconnecting… Attempt 2.');
      expect(text(banner)).to.contain(`Next try at ${timeFormat.format(at)}.`);
      part(chat.el, 'retry-now-button')?.click();
      expect(chat.runtime.callsOf('retryNow')).to.have.length(1);
    });

    it('says reconnecting without a time when the runtime has none', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'reconnecting'});
      expect(text(part(chat.el, 'status-banner'))).to.contain('Connection lost. Reconnecting…');
      expect(text(part(chat.el, 'status-banner'))).to.not.contain('Next try');
    });

    it('shows offline above everything else', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'reconnecting', offline: true});
      expect(part(chat.el, 'status-banner')?.dataset['notice']).to.equal('offline');
      expect(text(part(chat.el, 'status-banner'))).to.contain('You are offline');
    });

    it('shows an error with "Retry now" while live', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {
        status: 'live',
        error: {code: 'send-failed', message: 'x'},
      });
      expect(part(chat.el, 'status-banner')?.dataset['notice']).to.equal('error');
      expect(text(part(chat.el, 'status-banner'))).to.contain('Something went wrong');
      expect(part(chat.el, 'retry-now-button')).to.not.equal(null);
    });

    it('shows nothing once ended (the end panel speaks)', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'ended', offline: true});
      expect(part(chat.el, 'status-banner')).to.equal(null);
    });
  });

  describe('handoff banner', () => {
    const handoff = async (info: HandoffInfo, extra = {}): ReturnType<typeof chatFixture> =>
      chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'handoff', handoff: info, ...extra});

    it('requested: tells the user a person is being connected', async () => {
      const chat = await handoff({phase: 'requested'});
      expect(text(part(chat.el, 'handoff-banner'))).to.equal('Connecting you to a person…');
      expect(part(chat.el, 'dismiss-button')).to.equal(null);
    });

    it('queued: queue name, position and estimated wait when given', async () => {
      const chat = await handoff({phase: 'queued', queueName: 'Billing', positionInQueue: 3, estimatedWaitSeconds: 150});
      const banner = text(part(chat.el, 'handoff-banner'));
      expect(banner).to.contain('You are in the queue for Billing.');
      expect(banner).to.contain('You are 3rd in the queue.');
      expect(banner).to.contain('Estimated wait: about 3 minutes.');
    });

    it('queued: under a minute, and without any queue data', async () => {
      const quick = await handoff({phase: 'queued', estimatedWaitSeconds: 20});
      expect(text(part(quick.el, 'handoff-banner'))).to.contain('less than a minute');
      const bare = await handoff({phase: 'queued'});
      expect(text(part(bare.el, 'handoff-banner'))).to.equal('You are in the queue for a person.');
    });

    it("queued: shows the server's display_message when given", async () => {
      const chat = await handoff({phase: 'queued', positionInQueue: 2, displayMessage: 'An agent will be with you shortly'});
      expect(text(part(chat.el, 'handoff-banner'))).to.equal('An agent will be with you shortly');
    });

    it("connected: names the live agent, in the banner and the header", async () => {
      const chat = await handoff({phase: 'connected'}, {liveAgent: {name: 'Priya'}});
      expect(text(part(chat.el, 'handoff-banner'))).to.contain('You are now chatting with Priya.');
      expect(text(part(chat.el, 'header'))).to.contain('Priya');
    });

    it('agent-left: says the agent left', async () => {
      const chat = await handoff({phase: 'agent-left'}, {liveAgent: {name: 'Priya'}});
      expect(text(part(chat.el, 'handoff-banner'))).to.contain('Priya has left the chat.');
    });

    it('client-required: offers the route as a safe link', async () => {
      const chat = await handoff({phase: 'client-required', route: 'https://support.example.com/chat', queueName: 'Tier 2'});
      const link = part(chat.el, 'handoff-link');
      expect(link?.getAttribute('href')).to.equal('https://support.example.com/chat');
      expect(link?.getAttribute('target')).to.equal('_blank');
      expect(link?.getAttribute('rel')).to.equal('noopener noreferrer');
      expect(text(part(chat.el, 'handoff-banner'))).to.contain('please contact us another way');
    });

    it('client-required: an unsafe route is no link; the queue name is shown instead', async () => {
      const chat = await handoff({phase: 'client-required', route: 'javascript:alert(1)', queueName: 'Tier 2'});
      expect(part(chat.el, 'handoff-link')).to.equal(null);
      expect(part(chat.el, 'handoff-banner')?.querySelector('a')).to.equal(null);
      expect(text(part(chat.el, 'handoff-banner'))).to.contain('Please ask for: Tier 2.');
    });

    it('failed and timeout: explain the way forward, input stays usable, and can be dismissed', async () => {
      const failed = await handoff({phase: 'failed'}, {status: 'live'});
      expect(text(part(failed.el, 'handoff-banner'))).to.contain('You can keep chatting here');
      expect((part(failed.el, 'input') as HTMLTextAreaElement | null)?.disabled).to.equal(false);
      part(failed.el, 'dismiss-button')?.click();
      await failed.el.updateComplete;
      expect(part(failed.el, 'handoff-banner')).to.equal(null);

      const timeout = await handoff({phase: 'timeout'}, {status: 'live'});
      expect(text(part(timeout.el, 'handoff-banner'))).to.contain('nobody was available in time');
    });

    it('a dismissed banner returns when the handoff moves on', async () => {
      const chat = await handoff({phase: 'connected'}, {liveAgent: {name: 'Priya'}});
      part(chat.el, 'dismiss-button')?.click();
      await chat.el.updateComplete;
      expect(part(chat.el, 'handoff-banner')).to.equal(null);
      await chat.set({handoff: {phase: 'agent-left'}});
      expect(text(part(chat.el, 'handoff-banner'))).to.contain('has left the chat');
    });
  });

  describe('end panel', () => {
    const reasons: [string | null, string][] = [
      ['REASON_USER_END', 'You ended the conversation.'],
      ['REASON_NATURAL_END', 'The conversation has ended. Thank you for chatting with us.'],
      ['REASON_USER_ABANDONED', 'This conversation was closed after a period of inactivity.'],
      ['expired', 'This conversation has expired.'],
      ['failed', 'We could not connect to the chat service.'],
      ['REASON_SOMETHING_NEW', 'The conversation has ended.'],
      [null, 'The conversation has ended.'],
    ];
    for (const [reason, message] of reasons) {
      it(`explains ${String(reason)} and disables the input`, async () => {
        const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'ended', endReason: reason});
        expect(text(part(chat.el, 'end-panel')?.querySelector('.end-text'))).to.equal(message);
        const input = part(chat.el, 'input') as HTMLTextAreaElement | null;
        expect(input?.disabled).to.equal(true);
        expect((part(chat.el, 'send-button') as HTMLButtonElement | null)?.disabled).to.equal(true);
        expect(input?.placeholder).to.equal('This conversation has ended');
      });
    }

    it('"Start a new conversation" restarts; the button is disabled while restarting', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'ended', endReason: 'REASON_USER_END'});
      let release!: () => void;
      chat.runtime.restartResult = new Promise<void>((resolve) => (release = resolve));
      const button = part(chat.el, 'restart-button') as HTMLButtonElement | null;
      button?.click();
      await chat.el.updateComplete;
      expect(chat.runtime.callsOf('restart')).to.have.length(1);
      expect(button?.disabled).to.equal(true);
      await chat.set({status: 'connecting', endReason: null});
      release();
      await chat.runtime.restartResult;
      await chat.el.updateComplete;
      expect(part(chat.el, 'end-panel')).to.equal(null);
      expect((part(chat.el, 'input') as HTMLTextAreaElement | null)?.disabled).to.equal(false);
    });
  });

  describe('leave chat', () => {
    it('asks for an inline confirmation (no window.confirm) and ends on confirm', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      const originalConfirm = window.confirm;
      let confirmCalls = 0;
      window.confirm = (): boolean => {
        confirmCalls++;
        return true;
      };
      try {
        const leave = part(chat.el, 'leave-button');
        expect(leave?.getAttribute('aria-expanded')).to.equal('false');
        leave?.click();
        await chat.el.updateComplete;
        expect(leave?.getAttribute('aria-expanded')).to.equal('true');
        expect(text(part(chat.el, 'leave-confirm'))).to.contain('End this conversation?');
        expect(chat.runtime.callsOf('end')).to.have.length(0);
        part(chat.el, 'leave-confirm-button')?.click();
        await chat.el.updateComplete;
        expect(chat.runtime.callsOf('end')).to.have.length(1);
        expect(part(chat.el, 'leave-confirm')).to.equal(null);
        expect(confirmCalls).to.equal(0);
        // When the session has ended, the restart button takes focus (the user asked to leave).
        await chat.set({status: 'ended', endReason: 'REASON_USER_END'});
        expect(deepActiveElement()).to.equal(part(chat.el, 'restart-button'));
      } finally {
        window.confirm = originalConfirm;
      }
    });

    it('cancel keeps the conversation', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      part(chat.el, 'leave-button')?.click();
      await chat.el.updateComplete;
      part(chat.el, 'leave-cancel-button')?.click();
      await chat.el.updateComplete;
      expect(part(chat.el, 'leave-confirm')).to.equal(null);
      expect(chat.runtime.callsOf('end')).to.have.length(0);
    });

    it('is offered only while there is a conversation to leave', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'ended'});
      expect(part(chat.el, 'leave-button')).to.equal(null);
      const idle = await chatFixture(html`<poly-chat></poly-chat>`);
      expect(part(idle.el, 'leave-button')).to.equal(null);
    });
  });
});
