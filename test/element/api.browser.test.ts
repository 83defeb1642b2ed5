import {expect, fixture, html} from '@open-wc/testing';
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {PolyChatEndEvent} from '../../src/events/end-event.js';
import {PolyChatErrorEvent} from '../../src/events/error-event.js';
import {PolyChatMessageEvent} from '../../src/events/message-event.js';
import {PolyChatStatusChangeEvent} from '../../src/events/status-change-event.js';
import * as publicApi from '../../src/index.js';
import {chatFixture} from '../helpers/browser/chat-fixture.js';
import {agentMessage, userMessage, userMessageFrameBytes} from '../helpers/browser/messages.js';
import {nextEvent} from '../helpers/browser/next-event.js';

describe('<poly-chat> public API', () => {
  afterEach(() => setDefaultRuntimeFactory(null));

  describe('definition', () => {
    it('is defined as poly-chat by the define module, and the define module is idempotent', async () => {
      expect(customElements.get('poly-chat')).to.equal(publicApi.PolyChat);
      // Loading the define module again must not throw "already defined".
      // A second copy of the module (new URL, same source), as when two bundles share a page.
      const again = new URL('../../src/poly-chat.ts?again', import.meta.url).href;
      await import(again);
      expect(customElements.get('poly-chat')).to.equal(publicApi.PolyChat);
    });

    it('exports the class, the event classes and the hooks from the side-effect-free index', () => {
      expect(publicApi.PolyChatStatusChangeEvent).to.equal(PolyChatStatusChangeEvent);
      expect(publicApi.PolyChatMessageEvent).to.equal(PolyChatMessageEvent);
      expect(publicApi.PolyChatErrorEvent).to.equal(PolyChatErrorEvent);
      expect(publicApi.PolyChatEndEvent).to.equal(PolyChatEndEvent);
      expect(publicApi.setDefaultRuntimeFactory).to.be.a('function');
      expect(publicApi.resolveStrings).to.be.a('function');
      expect(publicApi.polyChatSessionContext).to.not.equal(undefined);
    });
  });

  describe('attributes and properties', () => {
    it('reads endpoint and streaming and hands them to the runtime', async () => {
      const {el, runtime} = await chatFixture(html`<poly-chat endpoint="/api/session" streaming></poly-chat>`);
      expect(el.endpoint).to.equal('/api/session');
      expect(el.streaming).to.equal(true);
      expect(runtime.options).to.deep.include({endpoint: '/api/session', streaming: true});
      expect(runtime.options.credentials).to.equal(undefined);
      expect(runtime.callsOf('start')).to.have.length(1);
    });

    it('defaults to inline mode, closed, auto theme, not streaming', async () => {
      const {el} = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      expect(el.mode).to.equal('inline');
      expect(el.open).to.equal(false);
      expect(el.theme).to.equal('auto');
      expect(el.streaming).to.equal(false);
      expect(el.getAttribute('mode')).to.equal('inline');
    });

    it('lang is an empty string until set, and is reflected when set', async () => {
      const {el} = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      expect(el.lang).to.equal('');
      expect(el.hasAttribute('lang')).to.equal(false);
      el.lang = 'fr';
      await el.updateComplete;
      expect(el.getAttribute('lang')).to.equal('fr');
      el.setAttribute('lang', 'de');
      expect(el.lang).to.equal('de');
    });

    it('reflects the theme attribute', async () => {
      const {el} = await chatFixture(html`<poly-chat endpoint="/e" theme="dark"></poly-chat>`);
      expect(el.theme).to.equal('dark');
      el.theme = 'light';
      await el.updateComplete;
      expect(el.getAttribute('theme')).to.equal('light');
    });

    it('reflects open and mode', async () => {
      const {el} = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      el.mode = 'launcher';
      el.open = true;
      await el.updateComplete;
      expect(el.getAttribute('mode')).to.equal('launcher');
      expect(el.hasAttribute('open')).to.equal(true);
      el.open = false;
      await el.updateComplete;
      expect(el.hasAttribute('open')).to.equal(false);
    });

    it('stays idle and creates no runtime without endpoint or credentials', async () => {
      const {el, runtimes} = await chatFixture(html`<poly-chat></poly-chat>`);
      expect(runtimes.created).to.have.length(0);
      expect(el.status).to.equal('idle');
      expect(el.sessionId).to.equal(null);
      expect(el.messages).to.deep.equal([]);
    });

    it('uses .credentials instead of endpoint, always calling the latest callback', async () => {
      const {el, runtimes} = await chatFixture(html`<poly-chat></poly-chat>`);
      const first = async (): Promise<{access_token: string}> => ({access_token: 'one'});
      const second = async (): Promise<{access_token: string}> => ({access_token: 'two'});
      el.credentials = first;
      el.endpoint = '/ignored';
      await el.updateComplete;
      expect(runtimes.created).to.have.length(1);
      const runtime = runtimes.last;
      expect(runtime.options.credentials).to.be.a('function');
      el.credentials = second;
      await el.updateComplete;
      // A new callback (a framework re-render) does not restart the conversation…
      expect(runtimes.created).to.have.length(1);
      // …and the runtime reaches the newest callback.
      const credentials = await runtime.options.credentials?.({newSession: false, streaming: false});
      expect(credentials?.access_token).to.equal('two');
    });

    it('starts a new runtime when the endpoint changes and disposes the old one', async () => {
      const {el, runtimes} = await chatFixture(html`<poly-chat endpoint="/a"></poly-chat>`);
      const first = runtimes.last;
      el.endpoint = '/b';
      await el.updateComplete;
      expect(first.disposed).to.equal(true);
      expect(runtimes.created).to.have.length(2);
      expect(runtimes.last.options.endpoint).to.equal('/b');
      expect(runtimes.last.callsOf('start')).to.have.length(1);
    });

    it('goes back to idle when the endpoint is removed', async () => {
      const {el, runtimes} = await chatFixture(html`<poly-chat endpoint="/a"></poly-chat>`);
      el.endpoint = undefined;
      await el.updateComplete;
      expect(runtimes.last.disposed).to.equal(true);
      expect(el.status).to.equal('idle');
    });

    it('exposes status, sessionId and messages from the snapshot', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      const messages = [agentMessage('Hi')];
      await chat.set({status: 'live', sessionId: 's-1', messages});
      expect(chat.el.status).to.equal('live');
      expect(chat.el.sessionId).to.equal('s-1');
      expect(chat.el.messages).to.equal(messages);
    });
  });

  describe('methods', () => {
    it('send() trims and forwards text; ignores whitespace-only text', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      chat.el.send('  hello  ');
      chat.el.send('   \n  ');
      expect(chat.runtime.callsOf('send')).to.deep.equal([['hello']]);
    });

    it('send() refuses a message whose frame is over maxMessageSizeBytes (UTF-8) with a poly-chat-error', async () => {
      const limit = userMessageFrameBytes('éééé');
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', maxMessageSizeBytes: limit});
      setTimeout(() => chat.el.send('ééééé')); // two bytes more
      const event = await nextEvent(chat.el, 'poly-chat-error');
      expect(event.code).to.equal('message-too-large');
      expect(chat.runtime.callsOf('send')).to.deep.equal([]);
      chat.el.send('éééé'); // exactly the limit: fine
      expect(chat.runtime.callsOf('send')).to.deep.equal([['éééé']]);
    });

    it('send() without endpoint or credentials reports not-configured', async () => {
      const {el} = await chatFixture(html`<poly-chat></poly-chat>`);
      setTimeout(() => el.send('hi'));
      const event = await nextEvent(el, 'poly-chat-error');
      expect(event.code).to.equal('not-configured');
    });

    it('end() and restart() reach the runtime; restart() resolves when the runtime has restarted', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      chat.el.end();
      expect(chat.runtime.callsOf('end')).to.have.length(1);
      let release!: () => void;
      chat.runtime.restartResult = new Promise<void>((resolve) => (release = resolve));
      let settled = false;
      const restarting = chat.el.restart().then(() => (settled = true));
      await Promise.resolve();
      expect(chat.runtime.callsOf('restart')).to.have.length(1);
      expect(settled).to.equal(false);
      release();
      await restarting;
      expect(settled).to.equal(true);
    });
  });

  describe('events', () => {
    it('fires poly-chat-status-change with status and previous on every status change, bubbling and composed', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      const seen: PolyChatStatusChangeEvent[] = [];
      const listener = (event: PolyChatStatusChangeEvent): void => void seen.push(event);
      document.body.addEventListener('poly-chat-status-change', listener);
      chat.runtime.update({status: 'live'});
      chat.runtime.update({status: 'live', sessionId: 'x'}); // same status: no event
      chat.runtime.update({status: 'reconnecting'});
      document.body.removeEventListener('poly-chat-status-change', listener);
      expect(seen.map((event) => [event.previous, event.status])).to.deep.equal([
        ['connecting', 'live'],
        ['live', 'reconnecting'],
      ]);
      const first = seen[0];
      expect(first).to.be.instanceOf(PolyChatStatusChangeEvent);
      expect(first?.bubbles).to.equal(true);
      expect(first?.composed).to.equal(true);
      expect(first?.detail).to.deep.equal({status: 'live', previous: 'connecting'});
    });

    it('re-dispatches message, error and end as typed events', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`);
      const message = agentMessage('Hello');
      setTimeout(() => chat.runtime.emit('message', {message}));
      const messageEvent = await nextEvent(chat.el, 'poly-chat-message');
      expect(messageEvent).to.be.instanceOf(PolyChatMessageEvent);
      expect(messageEvent.message).to.equal(message);
      expect(messageEvent.bubbles && messageEvent.composed).to.equal(true);

      setTimeout(() => chat.runtime.emit('error', {code: 'connection-lost', message: 'Socket closed'}));
      const errorEvent = await nextEvent(chat.el, 'poly-chat-error');
      expect(errorEvent).to.be.instanceOf(PolyChatErrorEvent);
      expect([errorEvent.code, errorEvent.message]).to.deep.equal(['connection-lost', 'Socket closed']);

      setTimeout(() => chat.runtime.emit('end', {reason: 'REASON_NATURAL_END'}));
      const endEvent = await nextEvent(chat.el, 'poly-chat-end');
      expect(endEvent).to.be.instanceOf(PolyChatEndEvent);
      expect(endEvent.reason).to.equal('REASON_NATURAL_END');
      expect(endEvent.bubbles && endEvent.composed).to.equal(true);
    });

    it('reports a runtime that cannot be created as poly-chat-error runtime-unavailable', async () => {
      setDefaultRuntimeFactory(() => {
        throw new Error('no runtime here: see setDefaultRuntimeFactory');
      });
      const errors: PolyChatErrorEvent[] = [];
      const listener = (event: PolyChatErrorEvent): void => void errors.push(event);
      document.body.addEventListener('poly-chat-error', listener);
      try {
        const el = await fixture<PolyChat>(html`<poly-chat endpoint="/e"></poly-chat>`);
        await el.updateComplete;
        expect(errors.map((event) => event.code)).to.deep.equal(['runtime-unavailable']);
        expect(errors[0]?.message).to.match(/setDefaultRuntimeFactory/);
        expect(el.status).to.equal('idle');
        // Not retried on every render.
        el.requestUpdate();
        await el.updateComplete;
        expect(errors).to.have.length(1);
      } finally {
        document.body.removeEventListener('poly-chat-error', listener);
      }
    });
  });

  describe('lifecycle', () => {
    it('disposes the runtime when the element is removed, and starts a new one when it is added back', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      const parent = chat.el.parentElement;
      const first = chat.runtime;
      chat.el.remove();
      // Disposal waits for the end of the task: a DOM move reconnects before then (reliability tests).
      await Promise.resolve();
      expect(first.disposed).to.equal(true);
      expect(chat.el.status).to.equal('idle');
      parent?.append(chat.el);
      await chat.el.updateComplete;
      expect(chat.runtimes.created).to.have.length(2);
      expect(chat.runtimes.last.disposed).to.equal(false);
    });

    it('requests an update only when the snapshot object changes', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
      let requests = 0;
      const original = chat.el.requestUpdate.bind(chat.el);
      chat.el.requestUpdate = (...args: Parameters<PolyChat['requestUpdate']>): void => {
        requests++;
        original(...args);
      };
      chat.runtime.dispatchEvent(new Event('change')); // same snapshot object
      expect(requests).to.equal(0);
      chat.runtime.update({messages: [userMessage('x')]});
      expect(requests).to.equal(1);
    });

    it('ignores events from a runtime it has disposed', async () => {
      const chat = await chatFixture(html`<poly-chat endpoint="/a"></poly-chat>`);
      const old = chat.runtime;
      chat.el.endpoint = '/b';
      await chat.el.updateComplete;
      const seen: Event[] = [];
      chat.el.addEventListener('poly-chat-message', (event) => seen.push(event));
      old.emit('message', {message: agentMessage('late')});
      old.update({status: 'ended'});
      expect(seen).to.have.length(0);
      expect(chat.el.status).to.equal('connecting');
    });
  });
});
