// Page context on user messages (issue 18 item 2): `metadata` and send(text, {metadata}) go into
// USER_MESSAGE's metadata.custom, round-trip through the real simulator (its echo carries them back),
import type {PolyChatErrorEvent} from '../../src/events/error-event.js';
// stay with a queued message through a reconnect, count towards the size limit, and anything but
// strings is refused with a TypeError.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import {chatFixture} from '../helpers/browser/chat-fixture.js';
import {freshConversation, simControl, simSession, waitFor} from '../helpers/browser/simulator-client.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {nextEvent} from '../helpers/browser/next-event.js';

type Frame = {type: string; payload?: Record<string, unknown>; metadata?: {custom?: Record<string, string>}};

/** The frames the server sent back on every socket from now on. */
function serverFrames(world: RealChatWorld): Frame[] {
  const frames: Frame[] = [];
  const seen = new Set<WebSocket>();
  const watch = (): void => {
    for (const socket of world.sockets.sockets) {
      if (seen.has(socket)) continue;
      seen.add(socket);
      socket.addEventListener('message', (event: MessageEvent<string>) => {
        const frame = JSON.parse(event.data) as Frame & {payload: {events?: Frame[]}};
        frames.push(...(frame.type === 'EVENT_TYPE_EVENT_BATCH' ? (frame.payload.events ?? []) : [frame]));
      });
    }
  };
  watch();
  const timer = setInterval(watch, 5);
  Object.defineProperty(frames, 'stop', {value: () => clearInterval(timer)});
  return frames;
}

const userCustom = (frames: readonly Frame[], text: string): Array<Record<string, string> | undefined> =>
  frames.filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE' && frame.payload?.['text'] === text).map((frame) => frame.metadata?.custom);

describe('<poly-chat> page metadata against the simulator', () => {
  let world: RealChatWorld;
  let frames: Frame[];

  afterEach(async () => {
    (frames as unknown as {stop?: () => void}).stop?.();
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('round-trips: the server receives the metadata next to client_event_id and its echo brings it back', async () => {
    world = installRealRuntime();
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${freshConversation()}></poly-chat>`);
    el.metadata = {page: '/checkout', order: 'A-1042'};
    const sessionId = await untilGreeted(el);
    frames = serverFrames(world);

    el.send('where is my order?', {metadata: {order: 'B-7', cart: '3 items'}});
    await waitFor(() => el.messages.some((message) => message.role === 'user' && message.delivery === 'sent'), 'the echo');

    const received = (await simSession(sessionId)).received.filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE');
    expect(received).to.have.length(1);
    const custom = received[0]?.metadata?.custom ?? {};
    const clientEventId = el.messages.find((message) => message.role === 'user')?.clientEventId;
    // The message's own key wins over the element's; the element's others stay.
    expect(custom).to.deep.equal({page: '/checkout', order: 'B-7', cart: '3 items', client_event_id: clientEventId});
    expect(userCustom(frames, 'where is my order?')).to.deep.equal([custom]);
  });

  it('a message queued while reconnecting keeps the metadata it was sent with, whatever the property says later', async () => {
    world = installRealRuntime({fastForward: {keepMs: 250, factor: 20}});
    const el = await fixture<PolyChat>(html`<poly-chat .credentials=${freshConversation()}></poly-chat>`);
    const sessionId = await untilGreeted(el);
    await simControl({command: 'drop', sessionId});
    await waitFor(() => el.status === 'reconnecting', 'the drop noticed');
    el.metadata = {page: '/before'};
    el.send('queued');
    el.metadata = {page: '/after'};
    await waitFor(() => el.messages.some((message) => message.role === 'user' && message.delivery === 'sent'), 'delivered after the reconnect');
    const received = (await simSession(sessionId)).received.filter((frame) => frame.type === 'EVENT_TYPE_USER_MESSAGE');
    expect(received.map((frame) => frame.metadata?.custom?.['page'])).to.deep.equal(['/before']);
  });
});

describe('<poly-chat> page metadata: the element API', () => {
  it('hands the merged metadata to the runtime; without any, none', async () => {
    const {el, runtime} = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    el.send('plain');
    el.metadata = {page: '/a', lang: 'en'};
    el.send('with page');
    el.send('override', {metadata: {page: '/b'}});
    expect(runtime.callsOf('send')).to.deep.equal([
      ['plain'],
      ['with page', {page: '/a', lang: 'en'}],
      ['override', {page: '/b', lang: 'en'}],
    ]);
  });

  it('refuses values that are not strings with a TypeError, and keeps the previous metadata', async () => {
    const {el, runtime} = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live'});
    el.metadata = {page: '/a'};
    expect(() => {
      el.metadata = {page: 42} as unknown as Record<string, string>;
    }).to.throw(TypeError, 'metadata.page must be a string');
    expect(el.metadata).to.deep.equal({page: '/a'});
    expect(() => el.send('hi', {metadata: {order: {id: 1}} as unknown as Record<string, string>})).to.throw(TypeError, 'options.metadata.order');
    expect(() => el.send('hi', {metadata: {client_event_id: 'x'}})).to.throw(TypeError, 'reserved');
    expect(runtime.callsOf('send')).to.have.length(0);
  });

  it('a metadata property set before the element is defined still goes through the check', async () => {
    // A framework sets properties on an element that is not upgraded yet; the upgrade takes them.
    const host = document.createElement('poly-chat-later-' + Math.random().toString(36).slice(2));
    Object.assign(host, {metadata: {page: '/early'}});
    const {PolyChat: Chat} = await import('../../src/element/poly-chat.js');
    customElements.define(host.localName, class extends Chat {});
    document.body.append(host);
    try {
      await (host as PolyChat).updateComplete;
      expect((host as PolyChat).metadata).to.deep.equal({page: '/early'});
      expect(Object.isFrozen((host as PolyChat).metadata)).to.equal(true, 'the checked copy, not the object set early');
    } finally {
      host.remove();
    }
  });

  it('an invalid metadata set before the element is defined is reported and ignored; the chat still renders', async () => {
    const host = document.createElement('poly-chat-later-' + Math.random().toString(36).slice(2));
    Object.assign(host, {metadata: {page: 42}});
    const errors: string[] = [];
    host.addEventListener('poly-chat-error', (event) => errors.push(`${(event as PolyChatErrorEvent).code}: ${(event as PolyChatErrorEvent).message}`));
    const {PolyChat: Chat} = await import('../../src/element/poly-chat.js');
    customElements.define(host.localName, class extends Chat {});
    document.body.append(host);
    try {
      await (host as PolyChat).updateComplete;
      expect((host as PolyChat).metadata).to.equal(undefined);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.match(/^invalid-metadata: metadata\.page must be a string/);
      expect(host.shadowRoot?.querySelector('[part~="panel"]'), 'rendered').to.not.equal(null);
      (host as PolyChat).metadata = {page: '/later'};
      expect((host as PolyChat).metadata).to.deep.equal({page: '/later'});
    } finally {
      host.remove();
    }
  });

  it('counts towards the size limit: send() reports message-too-large and sends nothing', async () => {
    const {el, runtime} = await chatFixture(html`<poly-chat endpoint="/e"></poly-chat>`, {status: 'live', maxMessageSizeBytes: 300});
    el.metadata = {note: 'x'.repeat(250)};
    const error = nextEvent(el, 'poly-chat-error');
    el.send('a short question');
    expect((await error).code).to.equal('message-too-large');
    expect(runtime.callsOf('send')).to.have.length(0);
  });
});
