// The token would cross the network in clear over a non-loopback http:/ws: host: such a base_url is
// refused before any connection. WebSocket and fetch are wrapped to prove nothing was attempted.
import {expect, fixture, html} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import type {PolyChatCredentials} from '../../src/model/session-api.js';
import {freshCookieConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {waitFor} from '../helpers/browser/simulator-client.js';

const TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJpbnNlY3VyZS10ZXN0In0.insecure-base-url-secret';

describe('a non-loopback http: or ws: base URL', () => {
  let world: RealChatWorld;
  const requested: string[] = [];

  afterEach(() => world.uninstall());

  for (const baseUrl of ['http://chat.example.com', 'ws://chat.example.com', 'http://10.0.0.5:8080', 'ws://[2001:db8::1]', 'http://localhost.example.com']) {
    for (const withSession of [true, false]) {
      it(`${baseUrl} ${withSession ? 'with' : 'without'} a session_id: refused, no socket, no request`, async () => {
        requested.length = 0;
        world = installRealRuntime({
          env: {
            fetch: (url, init) => {
              requested.push(String(url));
              return globalThis.fetch(url, init);
            },
          },
        });
        const credentials = async (): Promise<PolyChatCredentials> => ({
          access_token: TOKEN,
          base_url: baseUrl,
          ...(withSession ? {session_id: 'a-session'} : {}),
        });
        const errors: Array<{code: string; message: string}> = [];
        const el = document.createElement('poly-chat');
        el.addEventListener('poly-chat-error', (event) => errors.push({code: event.code, message: event.message}));
        el.credentials = credentials;
        const host = await fixture<HTMLDivElement>(html`<div></div>`);
        host.append(el);
        await waitFor(() => el.status === 'ended', 'refused');
        expect(world.sockets.count).to.equal(0, 'no WebSocket was even constructed');
        expect(requested).to.deep.equal([], 'no request to the insecure host');
        expect(errors.map((error) => error.code)).to.deep.equal(['insecure-url']);
        expect(errors[0]?.message).to.not.contain(TOKEN);
        expect(el.shadowRoot?.textContent).to.not.contain('insecure-base-url-secret');
      });
    }
  }

  it('a loopback ws: host is allowed (the test server itself)', async () => {
    world = installRealRuntime();
    await freshCookieConversation(false);
    const el = await fixture<PolyChat>(html`<poly-chat endpoint="/api/poly-chat/session"></poly-chat>`);
    await waitFor(() => el.status === 'live', 'live over ws://localhost');
    expect(world.sockets.count).to.equal(1);
  });
});
