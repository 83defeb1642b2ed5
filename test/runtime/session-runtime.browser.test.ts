// SessionRuntime end to end in Chromium: the real credentials endpoint, the PolyAI simulator over a
// real WebSocket, and the simulator's fault injection.
import {expect} from '@open-wc/testing';
import {SessionRuntime} from '../../src/runtime/session-runtime.js';
import {browserEnv} from '../../src/runtime/runtime-env.js';
import type {RuntimeEnv} from '../../src/runtime/runtime-env.js';
import type {PolyChatMessage} from '../../src/protocol/message.js';
import {FakeClock} from '../helpers/node/fake-clock.js';
import {compressedEnv} from '../helpers/browser/compressed-env.js';
import {freshCookieConversation} from '../helpers/browser/held-conversation.js';
import {ENDPOINT, freshConversation, simControl, simSession, waitFor, waitForAsync} from '../helpers/browser/simulator-client.js';

const runtimes: SessionRuntime[] = [];

function startRuntime(options: {streaming?: boolean; endpoint?: boolean; env?: RuntimeEnv} = {}): SessionRuntime {
  const runtime = new SessionRuntime(
    options.endpoint
      ? {endpoint: ENDPOINT, streaming: options.streaming ?? false}
      : {credentials: freshConversation(), streaming: options.streaming ?? false},
    options.env ?? browserEnv(),
  );
  runtimes.push(runtime);
  runtime.start();
  return runtime;
}

const agentTexts = (messages: readonly PolyChatMessage[]): string[] =>
  messages.filter((m) => m.role === 'agent' || m.role === 'live-agent').map((m) => m.text);

/** The agent/live-agent texts the simulator stored, chunks concatenated per message_id. */
async function storedAgentTexts(sessionId: string): Promise<string[]> {
  const {history} = await simSession(sessionId);
  const texts = new Map<string, string>();
  for (const event of history) {
    const p = event.payload as {message_id?: string; text?: string};
    if (
      (event.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE' ||
        event.type === 'EVENT_TYPE_LIVE_AGENT_MESSAGE' ||
        event.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK') &&
      p.message_id
    ) {
      texts.set(p.message_id, (texts.get(p.message_id) ?? '') + (p.text ?? ''));
    }
  }
  return [...texts.values()].filter((t) => t !== '');
}

async function receivedTypes(sessionId: string, type: string): Promise<number> {
  const {received} = await simSession(sessionId);
  return received.filter((e) => e.type === type).length;
}

async function live(runtime: SessionRuntime): Promise<string> {
  await waitFor(() => runtime.snapshot.status === 'live', 'status live');
  await waitFor(() => agentTexts(runtime.snapshot.messages).length > 0, 'the greeting');
  const id = runtime.snapshot.sessionId;
  if (!id) throw new Error('no session id');
  return id;
}

describe('SessionRuntime against the simulator', () => {
  afterEach(async () => {
    for (const runtime of runtimes.splice(0)) runtime.dispose();
    await simControl({command: 'reset'});
  });

  it('joins a new session, shows the greeting, and completes a turn with one echo each', async () => {
    const runtime = startRuntime();
    const sessionId = await live(runtime);
    expect(await receivedTypes(sessionId, 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN')).to.equal(1);
    runtime.send('hello there');
    await waitFor(() => runtime.snapshot.messages.some((m) => m.role === 'user' && m.delivery === 'sent'), 'echo');
    await waitFor(() => agentTexts(runtime.snapshot.messages).length === 2, 'the reply');
    expect(await receivedTypes(sessionId, 'EVENT_TYPE_USER_MESSAGE')).to.equal(1);
    expect(agentTexts(runtime.snapshot.messages)).to.deep.equal(await storedAgentTexts(sessionId));
  });

  it('assembles a streamed reply exactly as the server stored it', async () => {
    const runtime = startRuntime({streaming: true});
    const sessionId = await live(runtime);
    runtime.send('tell me something long');
    await waitFor(() => {
      const last = runtime.snapshot.messages.at(-1);
      return agentTexts(runtime.snapshot.messages).length === 2 && last?.role === 'agent' && last.complete;
    }, 'the complete streamed reply');
    expect(agentTexts(runtime.snapshot.messages)).to.deep.equal(await storedAgentTexts(sessionId));
  });

  it('survives an abrupt drop mid-stream with an overlapping replay: each message once, no second join', async () => {
    const runtime = startRuntime({streaming: true});
    const sessionId = await live(runtime);
    await simControl({command: 'faults', sessionId, overlapReplay: 6});
    await simControl({command: 'drop', sessionId, afterEvents: 4});
    runtime.send('long story please');
    await waitFor(() => runtime.snapshot.status === 'reconnecting', 'the drop');
    await waitFor(() => runtime.snapshot.status === 'live', 'reconnected', 15_000);
    await waitFor(() => runtime.snapshot.messages.at(-1)?.complete === true && agentTexts(runtime.snapshot.messages).length === 2, 'reply complete');
    const ids = runtime.snapshot.messages.map((m) => m.id);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(agentTexts(runtime.snapshot.messages)).to.deep.equal(await storedAgentTexts(sessionId));
    expect(runtime.snapshot.messages.filter((m) => m.role === 'user')).to.have.length(1);
    expect(await receivedTypes(sessionId, 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN')).to.equal(1);
    expect(await receivedTypes(sessionId, 'EVENT_TYPE_USER_MESSAGE')).to.equal(1);
  });

  it('backs off 1 s then 2 s (±20 %) while reconnects are refused, then recovers', async () => {
    const runtime = startRuntime();
    const sessionId = await live(runtime);
    await simControl({command: 'refuseHandshakes', sessionId, count: 1});
    const delays: number[] = [];
    let lastAttempt = -1;
    runtime.addEventListener('change', () => {
      const retry = runtime.snapshot.retry;
      if (retry && retry.attempt !== lastAttempt) {
        lastAttempt = retry.attempt;
        delays.push(retry.at - Date.now());
      }
    });
    await simControl({command: 'drop', sessionId});
    await waitFor(() => delays.length >= 2, 'two scheduled retries', 10_000);
    await waitFor(() => runtime.snapshot.status === 'live', 'recovered', 10_000);
    expect(delays[0]).to.be.within(700, 1_200);
    expect(delays[1]).to.be.within(1_500, 2_400);
    expect(runtime.snapshot.sessionId).to.equal(sessionId);
  });

  it('sends heartbeats at the advertised interval and the server echoes them', async () => {
    // Real sockets and fetch, but a hand-driven clock for the runtime's timers.
    const clock = new FakeClock(Date.now());
    const env: RuntimeEnv = {...browserEnv(), now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout};
    const runtime = startRuntime({env});
    const sessionId = await live(runtime);
    clock.advance(29_000);
    expect(await receivedTypes(sessionId, 'EVENT_TYPE_HEARTBEAT')).to.equal(0);
    clock.advance(1_000);
    await waitForAsync(async () => (await receivedTypes(sessionId, 'EVENT_TYPE_HEARTBEAT')) === 1, 'one heartbeat at 30 s');
    clock.advance(30_000);
    await waitForAsync(async () => (await receivedTypes(sessionId, 'EVENT_TYPE_HEARTBEAT')) === 2, 'a second at 60 s');
    expect(runtime.snapshot.status).to.equal('live');
  });

  it('hands off to a live agent and ends naturally when the agent says goodbye', async () => {
    const runtime = startRuntime();
    await live(runtime);
    runtime.send('I want a human agent');
    await waitFor(() => runtime.snapshot.status === 'handoff', 'handoff');
    await waitFor(() => runtime.snapshot.liveAgent?.name === 'Priya', 'the live agent joins', 15_000);
    runtime.send('hi Priya');
    await waitFor(() => runtime.snapshot.messages.some((m) => m.role === 'live-agent'), 'a live agent message');
    runtime.send('bye');
    await waitFor(() => runtime.snapshot.status === 'ended', 'ended', 15_000);
    expect(runtime.snapshot.endReason).to.equal('REASON_NATURAL_END');
  });

  it('ends when the user leaves', async () => {
    const runtime = startRuntime();
    const sessionId = await live(runtime);
    runtime.end();
    await waitFor(() => runtime.snapshot.status === 'ended', 'ended');
    expect(runtime.snapshot.endReason).to.equal('REASON_USER_END');
    expect(await receivedTypes(sessionId, 'EVENT_TYPE_USER_END_SESSION')).to.equal(1);
  });

  it('ends when the server ends the session, and does not reconnect', async () => {
    const runtime = startRuntime();
    const sessionId = await live(runtime);
    await simControl({command: 'endSession', sessionId, reason: 'REASON_NATURAL_END'});
    await waitFor(() => runtime.snapshot.status === 'ended', 'ended');
    expect(runtime.snapshot.endReason).to.equal('REASON_NATURAL_END');
    expect(runtime.hasSocket).to.equal(false);
  });

  it('an expired session becomes a new conversation, keeping the old transcript with a notice', async function () {
    // Declaring a session dead takes as many refused handshakes after fresh credentials as the
    // session advertised (the simulator: 5), with backoff (~60 s): timers run 10× faster here.
    this.timeout(40_000);
    const runtime = startRuntime({env: compressedEnv({keepMs: 250, factor: 10})});
    const first = await live(runtime);
    const before = runtime.snapshot.messages.length;
    await simControl({command: 'expireSession', sessionId: first});
    await waitFor(() => runtime.snapshot.sessionId !== null && runtime.snapshot.sessionId !== first, 'a new session', 30_000);
    await waitFor(() => runtime.snapshot.status === 'live', 'live again', 20_000);
    await waitFor(() => agentTexts(runtime.snapshot.messages).length >= 2, 'the new greeting');
    expect(runtime.snapshot.messages.length).to.be.greaterThan(before);
    expect(runtime.snapshot.messages.some((m) => m.role === 'system' && m.noticeKey?.startsWith('new-conversation'))).to.equal(true);
  });

  it('shrugs off garbage frames and stays usable', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent): void => {
      errors.push(e.error);
    };
    window.addEventListener('error', onError);
    const runtime = startRuntime();
    const sessionId = await live(runtime);
    await simControl({command: 'garbage', sessionId, count: 6});
    runtime.send('still there?');
    await waitFor(() => agentTexts(runtime.snapshot.messages).length === 2, 'a reply after garbage');
    window.removeEventListener('error', onError);
    expect(errors).to.deep.equal([]);
    expect(runtime.snapshot.status).to.equal('live');
  });

  it('a second runtime on the same page resumes the conversation through the endpoint cookie without a second join', async () => {
    // The cookie is the browser's, shared with every earlier test file: start from a conversation of
    // our own, and read the first runtime's transcript only once it shows all the server stored
    // (reading it as soon as the greeting appears raced the rest of a replay on a busy machine).
    await freshCookieConversation(false);
    const first = startRuntime({endpoint: true});
    const sessionId = await live(first);
    const stored = await storedAgentTexts(sessionId);
    await waitFor(() => agentTexts(first.snapshot.messages).join('\n') === stored.join('\n'), 'the first runtime shows what was stored');
    const greeting = agentTexts(first.snapshot.messages);
    first.dispose();
    const second = startRuntime({endpoint: true});
    await waitFor(() => second.snapshot.status === 'live' && agentTexts(second.snapshot.messages).length >= greeting.length, 'resumed');
    expect(second.snapshot.sessionId).to.equal(sessionId);
    expect(agentTexts(second.snapshot.messages)).to.deep.equal(greeting);
    expect(await receivedTypes(sessionId, 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN')).to.equal(1);
  });
});
