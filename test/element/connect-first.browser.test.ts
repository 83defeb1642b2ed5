// The conversation connects before the panel's first render (issue 19 item 3). When the session
// chunk arrives, the runtime is created and started in the task that evaluated it (one shared
// import() of the chunk), while the panel's content is rendered only after the next paint: its
// first render (styles, the clocks' Intl start-up) must not hold up the credentials answer and the
// socket. Here the credentials answer is read without a task, so the whole way from the chunk to
// the socket runs in that one task, and the socket exists before the composer is rendered. The
// chunk is module state: this file runs in its own page, and this test loads the chunk first.
import {expect, fixture, html} from '@open-wc/testing';
import '../../src/poly-chat.js';
import type {PolyChat} from '../../src/index.js';

describe('connecting before the first render of the panel', () => {
  const realFetch = globalThis.fetch;
  const RealWebSocket = globalThis.WebSocket;
  afterEach(() => {
    globalThis.fetch = realFetch;
    globalThis.WebSocket = RealWebSocket;
  });

  it('creates the socket before the panel renders its content (the composer)', async () => {
    const composerAtSocket: boolean[] = [];
    let element: PolyChat | null = null;
    const credentials = JSON.stringify({access_token: 'token', session_id: 'session-1', base_url: 'http://127.0.0.1:9'});
    // A credentials answer whose body is read in a microtask (a real one takes a task).
    globalThis.fetch = (() =>
      Promise.resolve({ok: true, status: 200, headers: new Headers(), text: () => Promise.resolve(credentials)} as Response)) as typeof fetch;
    class RecordingSocket extends EventTarget {
      readonly readyState = 0;
      readonly bufferedAmount = 0;
      constructor(_url: string) {
        super();
        composerAtSocket.push(element?.shadowRoot?.querySelector('[part~="composer"]') != null);
      }
      send(): void {}
      close(): void {}
    }
    globalThis.WebSocket = RecordingSocket as unknown as typeof WebSocket;

    element = await fixture<PolyChat>(html`<poly-chat endpoint="/credentials"></poly-chat>`);
    await element.updateComplete;
    expect(element.shadowRoot?.querySelector('[part~="composer"]')).to.not.equal(null, 'the panel is rendered in the end');
    expect(composerAtSocket).to.deep.equal([false], 'one socket, created before the composer was rendered');
  });
});
