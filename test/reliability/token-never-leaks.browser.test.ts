// The access token travels in the socket URL and nowhere else the page can read: a conversation
// with a handoff, drops, garbage, a failing credentials callback and a server close whose reason
// quotes the token, then every place a script or a log could find it is searched.
import {expect} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import type {PolyChatCredentials} from '../../src/model/session-api.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {simControl, waitFor} from '../helpers/browser/simulator-client.js';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** Every attribute and text of a tree, shadow roots included. */
function everything(root: Node): string[] {
  const found: string[] = [];
  const walk = (node: Node): void => {
    if (node instanceof Element) {
      for (const attribute of node.attributes) found.push(`${attribute.name}=${attribute.value}`);
      if (node.shadowRoot) walk(node.shadowRoot);
    } else if (node.nodeType === Node.TEXT_NODE) {
      found.push(node.textContent ?? '');
    }
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return found;
}

function storage(area: Storage): string[] {
  const entries: string[] = [];
  for (let i = 0; i < area.length; i++) {
    const key = area.key(i) ?? '';
    entries.push(`${key}=${area.getItem(key) ?? ''}`);
  }
  return entries;
}

function stringify(value: unknown): string {
  try {
    return typeof value === 'string' ? value : value instanceof Error ? `${value.name}: ${value.message} ${value.stack ?? ''}` : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

describe('the access token never leaks', () => {
  let world: RealChatWorld;
  const logged: string[] = [];
  const originals = new Map<string, (...args: unknown[]) => void>();

  before(() => {
    for (const method of CONSOLE_METHODS) {
      const original = console[method].bind(console) as (...args: unknown[]) => void;
      originals.set(method, original);
      console[method] = (...args: unknown[]): void => {
        logged.push(args.map(stringify).join(' '));
        original(...args);
      };
    }
  });

  after(async () => {
    for (const method of CONSOLE_METHODS) console[method] = originals.get(method) as (typeof console)[typeof method];
    world.uninstall();
    await simControl({command: 'reset'});
  });

  it('not in the console, web storage, cookies, any DOM attribute or text, any event, any error', async function () {
    this.timeout(30_000);
    world = installRealRuntime({fastForward: {keepMs: 250, factor: 20}});
    let token = '';
    const held = heldConversation((credentials: PolyChatCredentials) => {
      token = credentials.access_token;
      return credentials;
    });
    let failOnce = true;
    const provider = async (request: {newSession: boolean; streaming: boolean}): Promise<PolyChatCredentials> => {
      const credentials = await held.provider(request);
      if (!request.newSession && failOnce) {
        // A host callback whose error message quotes the token it was working with.
        failOnce = false;
        throw new Error(`refresh failed for ${credentials.access_token} (access_token=${credentials.access_token})`);
      }
      return credentials;
    };
    const events: string[] = [];
    const record = (event: Event): void => {
      const fields = event as unknown as Record<string, unknown>;
      events.push(stringify({type: event.type, code: fields['code'], message: fields['message'], status: fields['status'], previous: fields['previous'], reason: fields['reason']}));
    };
    for (const type of ['poly-chat-status-change', 'poly-chat-message', 'poly-chat-error', 'poly-chat-end']) window.addEventListener(type, record, true);
    const uncaught: string[] = [];
    const onError = (event: ErrorEvent): void => {
      uncaught.push(stringify(event.error ?? event.message));
    };
    window.addEventListener('error', onError);

    const el = document.createElement('poly-chat');
    el.streaming = true;
    el.credentials = provider;
    document.body.append(el);
    try {
      const sessionId = await untilGreeted(el as PolyChat);
      expect(token).to.match(/^eyJ/);
      const [, claims = '', signature = ''] = token.split('.');
      el.send('I need a human agent');
      await waitFor(() => el.status === 'handoff' && el.messages.some((message) => message.role === 'live-agent'), 'the live agent');
      await simControl({command: 'garbage', sessionId, count: 6});
      // The server closes with the token's secret part in the reason; the retry's socket is refused,
      // so credentials are fetched again (and the host callback fails once, quoting the token).
      await simControl({command: 'refuseHandshakes', sessionId, count: 1, status: 401});
      await simControl({command: 'close', sessionId, code: 4999, reason: `bad token ${signature}`});
      await waitFor(() => el.status === 'handoff', 'back', 20_000);
      el.send('thanks');
      await waitFor(() => el.messages.filter((message) => message.role === 'live-agent').length >= 2, 'a live reply');
      el.end();
      await waitFor(() => el.status === 'ended', 'ended');
      expect(failOnce).to.equal(false, 'the failing callback ran');
      expect(events.some((event) => event.includes('credentials callback failed'))).to.equal(true);

      const secrets = [token, encodeURIComponent(token), claims, signature].filter((secret) => secret.length >= 16);
      const places: Array<[string, readonly string[]]> = [
        ['console', logged],
        ['localStorage', storage(localStorage)],
        ['sessionStorage', storage(sessionStorage)],
        ['document.cookie', [document.cookie]],
        ['DOM (light and shadow)', everything(document.documentElement)],
        ['element properties', [stringify({status: el.status, sessionId: el.sessionId, messages: el.messages, lang: el.lang})]],
        ['poly-chat-* events', events],
        ['uncaught errors', uncaught],
        ['performance entries', performance.getEntries().map((entry) => entry.name)],
        ['page URL and history', [location.href, String(history.state)]],
      ];
      for (const [where, values] of places) {
        for (const secret of secrets) {
          const hit = values.find((value) => value.includes(secret));
          expect(hit, `the token appears in ${where}`).to.equal(undefined);
        }
      }
    } finally {
      el.remove();
      for (const type of ['poly-chat-status-change', 'poly-chat-message', 'poly-chat-error', 'poly-chat-end']) window.removeEventListener(type, record, true);
      window.removeEventListener('error', onError);
    }
  });
});
