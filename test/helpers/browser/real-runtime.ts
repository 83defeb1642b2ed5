// <poly-chat> with the real SessionRuntime in an environment the test shapes (a hand-driven clock,
// a counted WebSocket), against the simulator on the test server.
import {setDefaultRuntimeFactory} from '../../../src/controller/runtime-factory.js';
import type {PolyChat} from '../../../src/element/poly-chat.js';
import '../../../src/poly-chat.js';
import {browserEnv} from '../../../src/runtime/runtime-env.js';
import type {RuntimeEnv} from '../../../src/runtime/runtime-env.js';
import {SessionRuntime} from '../../../src/runtime/session-runtime.js';
import {FakeClock} from '../node/fake-clock.js';
import {compressedEnv} from './compressed-env.js';
import type {CompressionOptions} from './compressed-env.js';
import {SocketLog} from './socket-log.js';
import {waitFor} from './simulator-client.js';

export interface RealChatWorld {
  readonly sockets: SocketLog;
  /** Every runtime the elements created, oldest first. */
  readonly runtimes: SessionRuntime[];
  /** Present when the world runs on a hand-driven clock. */
  readonly clock: FakeClock | null;
  /** Advances the hand-driven clock. */
  advance(ms: number): void;
  uninstall(): void;
}

/** Forgets the transcripts earlier pages (tests) kept in this tab: each world starts like a first visit. */
export function forgetTranscriptCopies(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('poly-chat:transcript:')) sessionStorage.removeItem(key);
}

/** Every <poly-chat> created from now on gets a real runtime in this environment. */
export function installRealRuntime(
  options: {
    fakeClock?: boolean;
    fastForward?: CompressionOptions;
    env?: Partial<RuntimeEnv>;
    /** Called with each runtime as it is created, before it starts. */
    onRuntime?: (runtime: SessionRuntime) => void;
  } = {},
): RealChatWorld {
  forgetTranscriptCopies();
  const sockets = new SocketLog();
  const clock = options.fakeClock ? new FakeClock(Date.now()) : null;
  const runtimes: SessionRuntime[] = [];
  setDefaultRuntimeFactory((runtimeOptions) => {
    const base = options.fastForward ? compressedEnv(options.fastForward) : browserEnv();
    const env: RuntimeEnv = {
      ...base,
      WebSocket: sockets.WebSocket,
      ...(clock ? {now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout} : {}),
      ...options.env,
    };
    const runtime = new SessionRuntime(runtimeOptions, env);
    runtimes.push(runtime);
    options.onRuntime?.(runtime);
    return runtime;
  });
  return {
    sockets,
    runtimes,
    clock,
    advance(ms) {
      if (!clock) throw new Error('this world runs on the real clock');
      clock.advance(ms);
    },
    uninstall() {
      for (const runtime of runtimes) runtime.dispose();
      setDefaultRuntimeFactory(null);
    },
  };
}

/** Waits until the chat is live and the agent's greeting is complete; returns the session id. */
export async function untilGreeted(el: PolyChat, timeoutMs = 10_000): Promise<string> {
  await waitFor(
    () => el.status === 'live' && el.messages.some((message) => message.role === 'agent' && message.complete),
    'live and greeted',
    timeoutMs,
  );
  const sessionId = el.sessionId;
  if (!sessionId) throw new Error('no session id');
  return sessionId;
}

/** The agent replies, complete, in display order. */
export function agentReplies(el: PolyChat): string[] {
  return el.messages.filter((message) => (message.role === 'agent' || message.role === 'live-agent') && message.complete).map((message) => message.text);
}
