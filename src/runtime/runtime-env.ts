// Everything the runtime needs from the outside world, injected so that tests run it with a fake
// clock, fake fetch and fake sockets, and so that nothing global is touched at import time.
import type {FetchLike} from '../transport/http-response.js';
import type {WebSocketConstructor} from '../transport/socket.js';
import {afterNextPaint} from './after-paint.js';
import {sessionTranscriptCache} from './transcript-cache.js';
import type {TranscriptCache} from './transcript-cache.js';
import {sessionUnsentStore} from './unsent-store.js';
import type {UnsentStore} from './unsent-store.js';

/** Page and network lifecycle facts the session machine reacts to. */
export type LifecycleSignal = 'offline' | 'online' | 'hidden' | 'shown';

export interface RuntimeEnv {
  now(): number;
  /** Uniform in [0, 1): backoff jitter. */
  random(): number;
  /** A unique id for user messages' client_event_id. */
  randomId(): string;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
  fetch: FetchLike;
  WebSocket: WebSocketConstructor;
  /** The page URL, so same-origin credentials endpoints are recognised. */
  baseHref?: string;
  /** Subscribes to online/offline and page visibility / bfcache; returns the unsubscribe. */
  subscribeLifecycle?(listener: (signal: LifecycleSignal) => void): () => void;
  /** navigator.onLine at start. */
  isOnline?(): boolean;
  /** Where exceptions thrown by event listeners go (never swallowed silently in the browser). */
  reportError?(error: unknown): void;
  /** Calls back in a task after the next frame is painted; without it, a 0 ms timeout. */
  afterNextPaint?(callback: () => void): void;
  /** Keeps unconfirmed user messages across reloads; without it they live as long as the runtime. */
  unsentStore?: UnsentStore;
  /** Keeps the conversation's transcript for the next page; without it each page waits for the replay. */
  transcriptCache?: TranscriptCache;
}

function subscribeBrowserLifecycle(listener: (signal: LifecycleSignal) => void): () => void {
  const onOffline = (): void => listener('offline');
  const onOnline = (): void => listener('online');
  const onHide = (): void => listener('hidden');
  const onShow = (): void => listener('shown');
  const onVisibility = (): void => listener(document.visibilityState === 'hidden' ? 'hidden' : 'shown');
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  window.addEventListener('pagehide', onHide);
  window.addEventListener('pageshow', onShow);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('pagehide', onHide);
    window.removeEventListener('pageshow', onShow);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}

function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The real browser environment. Call it only in a browser (it reads globals when called). */
export function browserEnv(): RuntimeEnv {
  return {
    now: () => Date.now(),
    random: () => Math.random(),
    randomId,
    setTimeout: (callback, delayMs) => globalThis.setTimeout(callback, delayMs),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
    fetch: (url, init) => globalThis.fetch(url, init),
    WebSocket: globalThis.WebSocket,
    baseHref: typeof location === 'undefined' ? undefined : location.href,
    subscribeLifecycle: typeof window === 'undefined' ? undefined : subscribeBrowserLifecycle,
    isOnline: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
    reportError: (error) => globalThis.reportError?.(error),
    afterNextPaint,
    unsentStore: sessionUnsentStore(),
    transcriptCache: sessionTranscriptCache(),
  };
}
