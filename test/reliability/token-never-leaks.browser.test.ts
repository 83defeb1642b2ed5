// The access token travels in the socket URL and nowhere else the page can read: a conversation
// with a handoff, drops, garbage, a reconnect (status banner), a failing credentials callback (an
// error event) and a server close whose reason quotes the token. Everything a script or a log could
// read is watched from before the element exists until the end, not searched once afterwards: a
// MutationObserver over the light DOM and every shadow root (attributes and text, old and new
// values), web storage and cookies at every change and every 20 ms, uncaught errors and unhandled
// rejections, the console, the status banner's texts, every event a script dispatched (all its
// fields), every frame the client sent and every HTTP request it made. The token may appear only in
// the WebSocket URL and in the credentials response.
import {expect} from '@open-wc/testing';
import type {PolyChat} from '../../src/element/poly-chat.js';
import type {PolyChatCredentials} from '../../src/model/session-api.js';
import {heldConversation} from '../helpers/browser/held-conversation.js';
import {installRealRuntime, untilGreeted} from '../helpers/browser/real-runtime.js';
import type {RealChatWorld} from '../helpers/browser/real-runtime.js';
import {simControl, waitFor} from '../helpers/browser/simulator-client.js';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

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

function storage(area: Storage): string {
  const entries: string[] = [];
  for (let i = 0; i < area.length; i++) {
    const key = area.key(i) ?? '';
    entries.push(`${key}=${area.getItem(key) ?? ''}`);
  }
  return entries.join('\n');
}

function stringify(value: unknown): string {
  try {
    return typeof value === 'string' ? value : value instanceof Error ? `${value.name}: ${value.message} ${value.stack ?? ''}` : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** Every readable field of an event (own and inherited, `detail` included), nodes and functions left out. */
function eventFields(event: Event): string {
  const fields: Record<string, string> = {};
  for (const key in event) {
    const value = (event as unknown as Record<string, unknown>)[key];
    if (typeof value === 'function' || value instanceof Node || value instanceof Window || value instanceof EventTarget) continue;
    fields[key] = stringify(value);
  }
  return stringify(fields);
}

/** What the page could read, recorded from before the element exists to the end of the test. */
class Watch {
  /** Where → what was readable there at some moment. */
  readonly seen = new Map<string, Set<string>>();
  readonly statuses: string[] = [];
  readonly errorCodes: string[] = [];
  readonly socketUrls: string[] = [];
  private readonly undo: Array<() => void> = [];

  record(where: string, value: string): void {
    let values = this.seen.get(where);
    if (!values) this.seen.set(where, (values = new Set()));
    values.add(value);
  }

  install(): void {
    // Console.
    for (const method of CONSOLE_METHODS) {
      const original = console[method];
      console[method] = (...args: unknown[]): void => {
        this.record('console', args.map(stringify).join(' '));
        (original as (...a: unknown[]) => void).apply(console, args);
      };
      this.undo.push(() => {
        console[method] = original as never;
      });
    }
    // Uncaught errors and unhandled rejections.
    const onError = (event: ErrorEvent): void => this.record('uncaught errors', stringify(event.error ?? event.message));
    const onRejection = (event: PromiseRejectionEvent): void => this.record('unhandled rejections', stringify(event.reason));
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    this.undo.push(() => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    });
    // Every event a script dispatches (the element's own, and any other), with all its fields.
    const dispatch = EventTarget.prototype.dispatchEvent;
    const watch = this; // eslint-disable-line @typescript-eslint/no-this-alias
    EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event): boolean {
      watch.record('dispatched events', `${event.type} ${eventFields(event)}`);
      const fields = event as unknown as Record<string, unknown>;
      if (event.type === 'poly-chat-status-change') watch.statuses.push(String(fields['status']));
      if (event.type === 'poly-chat-error') watch.errorCodes.push(String(fields['code']));
      watch.sample();
      return dispatch.call(this, event);
    };
    this.undo.push(() => {
      EventTarget.prototype.dispatchEvent = dispatch;
    });
    // The light DOM and every shadow root attached from now on (the element's and any inside it).
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) this.mutation(mutation);
      this.sample();
    });
    const observe = (root: Node): void =>
      observer.observe(root, {subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true, characterDataOldValue: true});
    observe(document.documentElement);
    const attachShadow = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
      const root = attachShadow.call(this, init);
      observe(root);
      return root;
    };
    this.undo.push(() => {
      Element.prototype.attachShadow = attachShadow;
      for (const mutation of observer.takeRecords()) this.mutation(mutation);
      observer.disconnect();
    });
    // Every frame the client sends, and the URL of every socket it opens.
    const BaseSocket = window.WebSocket;
    const RecordingSocket = class extends BaseSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        watch.socketUrls.push(String(url));
      }

      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        watch.record('frames the client sent', typeof data === 'string' ? data : `[binary ${String(data)}]`);
        super.send(data);
      }
    };
    window.WebSocket = RecordingSocket;
    this.undo.push(() => {
      window.WebSocket = BaseSocket;
    });
    // Every HTTP request (URL, headers, body). The credentials response may hold the token; no
    // request may. (Credentials here always carry a session, so the client never calls the
    // sessions API, whose Authorization header would rightly carry it.)
    const originalFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = input instanceof Request ? input.url : String(input);
      // The test's own channel to the simulator (simControl) is not the page's traffic.
      if (!new URL(url, location.href).pathname.startsWith('/__sim/'))
        this.record('HTTP requests', `${init?.method ?? 'GET'} ${url} ${stringify(init?.headers ?? null)} ${stringify(init?.body ?? null)}`);
      return originalFetch(input, init);
    };
    this.undo.push(() => {
      window.fetch = originalFetch;
    });
    // Storage and cookies, also between changes.
    const timer = setInterval(() => this.sample(), 20);
    this.undo.push(() => clearInterval(timer));
    this.sample();
  }

  uninstall(): void {
    this.sample();
    for (const undo of this.undo.splice(0).reverse()) undo();
  }

  /** Web storage, cookies and the status banner as they are now. */
  sample(): void {
    this.record('localStorage', storage(localStorage));
    this.record('sessionStorage', storage(sessionStorage));
    this.record('document.cookie', document.cookie);
    for (const chat of document.querySelectorAll('poly-chat')) {
      const banner = chat.shadowRoot?.querySelector('[part~="status-banner"]');
      if (banner) this.record('status banner', `${banner.getAttribute('data-notice') ?? ''}: ${banner.textContent ?? ''}`);
    }
  }

  private mutation(mutation: MutationRecord): void {
    if (mutation.type === 'attributes') {
      const target = mutation.target as Element;
      this.record('DOM (light and shadow)', `${mutation.attributeName ?? ''}=${mutation.oldValue ?? ''} → ${target.getAttribute(mutation.attributeName ?? '') ?? ''}`);
    } else if (mutation.type === 'characterData') {
      this.record('DOM (light and shadow)', `${mutation.oldValue ?? ''} → ${mutation.target.textContent ?? ''}`);
    } else {
      for (const node of mutation.addedNodes) for (const text of everything(node)) this.record('DOM (light and shadow)', text);
      for (const node of mutation.removedNodes) for (const text of everything(node)) this.record('DOM (light and shadow)', text);
    }
  }
}

describe('the access token never leaks', () => {
  let world: RealChatWorld | undefined;
  let watch: Watch | undefined;

  afterEach(async () => {
    watch?.uninstall();
    world?.uninstall();
    await simControl({command: 'reset'});
  });

  it('not in the console, web storage, cookies, the DOM, any event, error, banner, sent frame or request, at any moment', async function () {
    this.timeout(30_000);
    watch = new Watch();
    watch.install();
    const seen = watch;
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
      await waitFor(() => el.status === 'handoff' && seen.statuses.includes('reconnecting'), 'back after a reconnect', 20_000);
      el.send('thanks');
      await waitFor(() => el.messages.filter((message) => message.role === 'live-agent').length >= 2, 'a live reply');
      el.end();
      await waitFor(() => el.status === 'ended', 'ended');
      expect(failOnce).to.equal(false, 'the failing callback ran');
      seen.sample();
      seen.record('element properties', stringify({status: el.status, sessionId: el.sessionId, messages: el.messages, lang: el.lang}));
      seen.record('performance entries', performance.getEntries().map((entry) => entry.name).join('\n'));
      seen.record('page URL and history', `${location.href} ${String(history.state)}`);

      // The run went where the watch should look: a reconnect with its banner, errors, frames.
      expect(seen.statuses, 'statuses').to.include('reconnecting');
      expect(seen.errorCodes.length, 'poly-chat-error events').to.be.greaterThan(0);
      expect([...(seen.seen.get('dispatched events') ?? [])].some((event) => event.includes('credentials callback failed'))).to.equal(true);
      expect([...(seen.seen.get('status banner') ?? [])].some((text) => text.startsWith('reconnecting')), 'a reconnecting banner was shown').to.equal(true);
      expect(seen.seen.get('frames the client sent')?.size ?? 0, 'frames sent').to.be.greaterThan(2);
      expect(seen.socketUrls.length, 'sockets opened').to.be.at.least(2);
      // The one place it belongs: the socket URL (so the search below would find it).
      expect(seen.socketUrls.every((url) => url.includes(encodeURIComponent(token)) || url.includes(token)), 'the token is in every socket URL').to.equal(true);

      const secrets = [token, encodeURIComponent(token), claims, signature].filter((secret) => secret.length >= 16);
      for (const [where, values] of seen.seen) {
        for (const secret of secrets) {
          const hit = [...values].find((value) => value.includes(secret));
          expect(hit, `the token appears in ${where}`).to.equal(undefined);
        }
      }
    } finally {
      el.remove();
    }
  });
});
