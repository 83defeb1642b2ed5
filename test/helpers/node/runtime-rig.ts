// A SessionRuntime wired to a fake clock, fake fetch and fake sockets, plus builders for the
// server's frames: the test plays the server, nothing touches the network or a real timer.
import assert from 'node:assert/strict';
import type {LifecycleSignal, RuntimeEnv} from '../../../src/runtime/runtime-env.js';
import type {TranscriptCache} from '../../../src/runtime/transcript-cache.js';
import type {UnsentStore} from '../../../src/runtime/unsent-store.js';
import {REPLAY_SETTLE_MS, SessionRuntime} from '../../../src/runtime/session-runtime.js';
import {FakeClock} from './fake-clock.js';
import {FakeFetch, jsonResponse} from './fake-fetch.js';
import {FakeWebSockets} from './fake-web-socket.js';
import type {FakeWebSocket} from './fake-web-socket.js';

export interface Rig {
  readonly runtime: SessionRuntime;
  readonly clock: FakeClock;
  readonly fetch: FakeFetch;
  readonly sockets: FakeWebSockets;
  /** Plays a page or network lifecycle signal to the runtime. */
  readonly lifecycle: (signal: LifecycleSignal) => void;
  /** Every 'message', 'error' and 'end' event, in order. */
  readonly events: Array<{type: string; detail: unknown}>;
  /** Every 'error' event's detail, in order. */
  readonly errors: Array<{code: string; message: string}>;
}

export interface RigOptions {
  readonly streaming?: boolean;
  readonly unsentStore?: UnsentStore;
  /** The tab's transcript cache (transcript-cache.ts), e.g. over a Map standing in for sessionStorage. */
  readonly transcriptCache?: TranscriptCache;
  /** The credentials endpoint as the host wrote it; default '/api/poly-chat/session'. */
  readonly endpoint?: string;
  /** The page's URL (relative endpoints resolve against it); default 'http://localhost:8000/page'. */
  readonly baseHref?: string;
  /** Queue the endpoint's answer (session sess-1 on a loopback base URL); default true. */
  readonly credentials?: boolean;
}

export function rig(options: RigOptions = {}): Rig {
  const clock = new FakeClock(1_000_000);
  const fetch = new FakeFetch();
  const sockets = new FakeWebSockets();
  let ids = 0;
  let lifecycleListener: (signal: LifecycleSignal) => void = () => {};
  const env: RuntimeEnv = {
    now: clock.now,
    random: () => 0.5,
    randomId: () => `cid-${++ids}`,
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    fetch: fetch.fetch,
    WebSocket: sockets.WebSocket,
    baseHref: options.baseHref ?? 'http://localhost:8000/page',
    subscribeLifecycle: (listener) => {
      lifecycleListener = listener;
      return () => (lifecycleListener = () => {});
    },
    isOnline: () => true,
    unsentStore: options.unsentStore,
    ...(options.transcriptCache ? {transcriptCache: options.transcriptCache} : {}),
  };
  if (options.credentials !== false) fetch.reply(jsonResponse({access_token: 'T', session_id: 'sess-1', base_url: 'http://localhost:8000'}));
  const runtime = new SessionRuntime({endpoint: options.endpoint ?? '/api/poly-chat/session', streaming: options.streaming ?? false}, env);
  const events: Array<{type: string; detail: unknown}> = [];
  for (const type of ['message', 'error', 'end']) {
    runtime.addEventListener(type, (event) => events.push({type, detail: (event as CustomEvent).detail}));
  }
  const errors: Array<{code: string; message: string}> = [];
  runtime.addEventListener('error', (event) => errors.push((event as CustomEvent<{code: string; message: string}>).detail));
  return {runtime, clock, fetch, sockets, lifecycle: (signal) => lifecycleListener(signal), events, errors};
}

/** Lets pending promise callbacks (fake fetch answers) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

let next = 0;
/** A server event as it goes on the wire; a fresh id each call unless `id` is given. */
export function ev(type: string, payload: object, sequence: number | null, id = `g-${++next}`): Record<string, unknown> {
  return {id, sequence, timestamp: '2026-11-25T10:00:00Z', type, payload};
}
export const batch = (...events: object[]): string =>
  JSON.stringify({id: `gb-${++next}`, sequence: null, type: 'EVENT_TYPE_EVENT_BATCH', payload: {events}});
export const live = (event: object): string => JSON.stringify(event);
export const reply = (sequence: number, text = `r${sequence}`): Record<string, unknown> =>
  ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {message_id: `m${sequence}`, text}, sequence);
export const sessionStart = (sequence = 1, capabilities: object = {heartbeat_interval_seconds: 30}): Record<string, unknown> =>
  ev('EVENT_TYPE_SESSION_START', {capabilities}, sequence);
export const agentJoined = (sequence = 2): Record<string, unknown> => ev('EVENT_TYPE_POLY_AGENT_JOINED', {agent_name: 'Poly'}, sequence);

/** Starts the runtime and replays `history` on its first socket: the chat is live. */
export async function connect(r: Rig, history: object[] = [sessionStart(), agentJoined()]): Promise<FakeWebSocket> {
  r.runtime.start();
  await flush();
  const socket = r.sockets.last;
  socket.open();
  socket.receive(batch(...history));
  r.clock.advance(REPLAY_SETTLE_MS);
  return socket;
}

/** Drop the socket and let the backoff run: the next socket. */
export function dropAndRetry(r: Rig, socket: FakeWebSocket): FakeWebSocket {
  socket.fail();
  const retry = r.runtime.snapshot.retry;
  assert.ok(retry, 'no retry scheduled');
  r.clock.advance(retry.at - r.clock.now());
  const nextSocket = r.sockets.last;
  assert.notEqual(nextSocket, socket, 'no new socket');
  return nextSocket;
}

export const cursorOf = (socket: FakeWebSocket): string | null => new URL(socket.url).searchParams.get('cursor');

/** The parsed frames the client sent on `socket`. */
export function sentFrames(socket: FakeWebSocket): Array<{type: string; payload?: Record<string, unknown>; metadata?: {custom?: Record<string, string>}}> {
  return socket.sent.map((text) => JSON.parse(text) as {type: string});
}
