// One seeded chaos run: a <poly-chat> (real runtime, fast-forwarded long timers) holds a streamed
// conversation with a handoff against the simulator while the seed decides which faults strike and
// when: abrupt drops (also mid-reply), refused reconnects, every documented close code, duplicated /
// reordered / delayed events, overlapping and split replays, live events between replay batches,
// bursts of messages sent while disconnected, a rejected or expired session, a server close 1000.
// Each seed also runs under one server variant (server/simulator/server-variants.ts, drawn by seed):
// settings from the first session on, one-shot ones (a close, a huge message) at a random step.
// At the end the transcript must equal the simulator's stored history (each message once, in order,
// streamed text exact) and every user message must have reached the simulator exactly once. The
// faults must really have struck: every run reconnects at least once (a run whose drawn faults
// never fired, say a mid-reply drop armed after the last reply, ends with a plain drop), and a run
// that did not is a failure, not a pass that tested nothing.
import type {PolyChat} from '../../../src/element/poly-chat.js';
import type {CredentialsProvider, PolyChatCredentials} from '../../../src/model/session-api.js';
import type {PolyChatStatus} from '../../../src/model/snapshot.js';
import {SERVER_VARIANTS, serverVariantCommands, serverVariantForSeed} from '../../../server/simulator/server-variants.js';
import type {ServerVariantName} from '../../../server/simulator/server-variants.js';
import {createRng} from '../node/protocol-prng.js';
import type {Rng} from '../node/protocol-prng.js';
import {contentDiff, contentOfMessages, expectedContent, receivedUserMessages, sameContent, sessionRecords} from './sim-transcript.js';
import type {SimSessionRecord} from './simulator-client.js';
import {freshConversation, simControl, waitFor} from './simulator-client.js';

/** Reconnect attempts a run may spend on faults: the runtime gives up after 5 in a row (the simulator's budget). */
const ATTEMPT_BUDGET = 5;
/** How long a run may take to reconnect or settle before it counts as stuck. */
const STUCK_MS = 20_000;
const FRUITS = ['apple', 'pear', 'plum', 'kiwi', 'fig', 'lime', 'quince', 'melon'];
/** Reconnectable close codes (protocol §8.4): 1001 idle/going away, 1011, the SDKs' 4000/4002/4003, unknown ones. */
const RECONNECT_CODES = [1001, 1011, 3000, 4000, 4002, 4003, 4999];
const REFUSALS = [undefined, 400, 401, 404, 429] as const;

type Action = 'say' | 'burst' | 'wait' | 'drop' | 'dropMid' | 'close' | 'refuse' | 'offlineBurst' | 'faults' | 'handoff' | 'sessionChange';

const WEIGHTS: ReadonlyArray<readonly [Action, number]> = [
  ['say', 5],
  ['burst', 2],
  ['wait', 3],
  ['drop', 2],
  ['dropMid', 3],
  ['close', 2],
  ['refuse', 1],
  ['offlineBurst', 2],
  ['faults', 2],
  ['handoff', 2],
  ['sessionChange', 1],
];

function pickWeighted(rng: Rng): Action {
  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [action, weight] of WEIGHTS) {
    roll -= weight;
    if (roll < 0) return action;
  }
  return 'say';
}

function randomFaults(rng: Rng): Record<string, unknown> {
  const faults: Record<string, unknown> = {};
  if (rng.chance(0.4)) faults['duplicateRate'] = rng.pick([0.1, 0.3, 0.5]);
  if (rng.chance(0.4)) faults['reorderRate'] = rng.pick([0.1, 0.3, 0.5]);
  if (rng.chance(0.3)) faults['delayMs'] = rng.int(1, 30);
  if (rng.chance(0.4)) faults['overlapReplay'] = rng.int(1, 12);
  if (rng.chance(0.4)) faults['splitBatches'] = rng.int(1, 4);
  if (rng.chance(0.3)) faults['interleaveLive'] = true;
  return faults;
}

const CONNECTED: ReadonlySet<PolyChatStatus> = new Set(['live', 'handoff']);

/** What the runs did, summed over all seeds of the page (printed once, for the record). */
export const chaosStats = new Map<string, number>();
function count(what: string, by = 1): void {
  chaosStats.set(what, (chaosStats.get(what) ?? 0) + by);
}

export class ChaosRun {
  readonly log: string[] = [];
  private readonly rng: Rng;
  private readonly el: PolyChat;
  /** Every session the credentials handed out, in order (a transcript may span several). */
  private readonly sessions: string[] = [];
  private readonly sent: string[] = [];
  private attemptsLeft = ATTEMPT_BUDGET;
  private handedOff = false;
  private sessionChanged = false;
  private ended = false;
  /** A server close 1000 is final until the user restarts. */
  private expectingEnd = false;
  private said = 0;
  /** Times the element became connected (live or handoff) from not connected: the first, then reconnects. */
  private connections = 0;
  /** The server variant of this seed (protocol §12); one-shot variants fire at step `variantStep`. */
  private readonly variant: ServerVariantName;
  private readonly variantStep: number;

  constructor(
    private readonly seed: number,
    host: HTMLElement,
  ) {
    this.rng = createRng(seed);
    this.variant = serverVariantForSeed(seed);
    this.variantStep = this.rng.int(0, 4);
    count(`variant:${this.variant}`);
    this.el = document.createElement('poly-chat');
    this.el.streaming = this.rng.chance(0.75);
    this.el.credentials = this.credentials;
    this.log.push(`variant ${this.variant}`, this.el.streaming ? 'streaming' : 'whole replies');
    this.el.addEventListener('poly-chat-status-change', (event) => {
      this.log.push(`[${event.status}]`);
      if (CONNECTED.has(event.status) && !CONNECTED.has(event.previous)) this.connections++;
    });
    this.el.addEventListener('poly-chat-error', (event) => this.log.push(`[error ${event.code}]`));
    host.append(this.el);
  }

  /** The pair this element's "backend" holds: handed back when the runtime asks again for the same conversation. */
  private held: PolyChatCredentials | null = null;

  /**
   * A per-element backend over the real endpoint: `newSession: false` gets the held pair back (the
   * endpoint's cookie is shared by every element on the page), `newSession: true` a new
   * conversation, whose pacing and faults are set before any socket opens.
   */
  private readonly credentials: CredentialsProvider = async (request) => {
    if (!request.newSession && this.held) return this.held;
    const credentials = await this.newConversation(request);
    const sessionId = credentials.session_id;
    if (!sessionId) throw new Error('the endpoint gave no session');
    this.sessions.push(sessionId);
    this.log.push(`[session ${this.sessions.length}]`);
    const setup = createRng(this.seed * 7919 + this.sessions.length);
    // Its own fault PRNG: the seed decides the same faults whichever other seeds run beside it.
    await simControl({command: 'seed', sessionId, seed: this.seed * 7919 + this.sessions.length});
    await simControl({command: 'agentDelay', sessionId, ms: setup.int(0, 4)});
    const faults = randomFaults(setup);
    if (Object.keys(faults).length > 0) await simControl({command: 'faults', sessionId, ...faults});
    for (const command of serverVariantCommands(this.variant, sessionId)) {
      if (command.command === 'variants' || command.command === 'faults') await simControl({...command});
    }
    this.held = credentials;
    return credentials;
  };

  private readonly newConversation = freshConversation();

  async play(): Promise<void> {
    if (this.rng.chance(0.3)) this.say(); // before the connection is even up
    await this.waitConnected('the first connection');
    const steps = this.rng.int(5, 9);
    for (let step = 0; step < steps && !this.ended; step++) {
      if (step === this.variantStep) await this.oneShotVariant();
      await this.act(pickWeighted(this.rng));
    }
    await this.atLeastOneReconnect();
    await this.finish();
  }

  dispose(): void {
    this.el.remove();
    for (const sessionId of this.sessions) void simControl({command: 'reset', sessionId}).catch(() => undefined);
  }

  // ---- actions -----------------------------------------------------------------------------------

  private async act(action: Action): Promise<void> {
    // What each fault costs of the retry budget. A refusal: the drop, then the refused socket. An
    // expiry: the close, one refusal with the old credentials and MAX_REFUSED_HANDSHAKES after
    // re-fetching them; a new conversation then starts with a fresh budget.
    const cost = {drop: 1, dropMid: 1, close: 1, offlineBurst: 1, refuse: 2, sessionChange: 4}[action as string] ?? 0;
    if (cost > this.attemptsLeft || (action === 'sessionChange' && this.sessionChanged)) {
      this.say();
      return;
    }
    this.attemptsLeft -= cost;
    count(action);
    switch (action) {
      case 'say':
        this.say();
        return;
      case 'burst':
        this.burst();
        return;
      case 'wait':
        await this.waitProgress();
        return;
      case 'drop':
        await this.waitConnected('before a drop');
        this.log.push('drop');
        await simControl({command: 'drop', sessionId: this.sessionId()});
        return;
      case 'dropMid': {
        await this.waitConnected('before a mid-reply drop');
        const after = this.rng.int(1, 6);
        this.log.push(`drop after ${after} frames`);
        await simControl({command: 'drop', sessionId: this.sessionId(), afterEvents: after});
        this.say(); // its reply streams into the drop
        return;
      }
      case 'close': {
        await this.waitConnected('before a close');
        const code = this.rng.pick(RECONNECT_CODES);
        this.log.push(`close ${code}`);
        await simControl({command: 'close', sessionId: this.sessionId(), code});
        return;
      }
      case 'refuse': {
        await this.waitConnected('before a refused reconnect');
        const status = this.rng.pick(REFUSALS);
        this.log.push(`refuse next handshake (${status ?? 'TCP abort'}) + drop`);
        const sessionId = this.sessionId();
        await simControl({command: 'refuseHandshakes', sessionId, count: 1, ...(status ? {status} : {})});
        await simControl({command: 'drop', sessionId});
        return;
      }
      case 'offlineBurst':
        await this.waitConnected('before going offline');
        this.log.push('drop, then send while disconnected');
        await simControl({command: 'drop', sessionId: this.sessionId()});
        await waitFor(() => this.el.status === 'reconnecting' || this.unexpectedEnd(), 'the drop to be noticed', STUCK_MS);
        for (let i = this.rng.int(1, 3); i > 0; i--) this.say();
        return;
      case 'faults': {
        const faults = randomFaults(this.rng);
        this.log.push(`faults ${JSON.stringify(faults)}`);
        await simControl({command: 'faults', sessionId: this.sessionId(), duplicateRate: 0, reorderRate: 0, delayMs: 0, splitBatches: 0, interleaveLive: false, ...faults});
        return;
      }
      case 'handoff':
        if (this.handedOff) {
          this.say();
          return;
        }
        this.handedOff = true;
        this.send(`c${this.seed}.${++this.said} I would like a human agent please`);
        return;
      case 'sessionChange':
        await this.changeSession();
        return;
    }
  }

  /** A one-shot variant (a close without SESSION_END, a 512 KB message): what a user sees after it. */
  private async oneShotVariant(): Promise<void> {
    const commands = SERVER_VARIANTS[this.variant].commands.filter((command) => command.command === 'close' || command.command === 'say');
    if (commands.length === 0) return;
    // From a quiet point with nothing armed (a pending drop would turn the close into a drop), so
    // the session's truth is complete if the variant leaves it (4001).
    await this.waitConnected(`before ${this.variant}`);
    await this.settle();
    const sessionId = this.sessionId();
    await simControl({command: 'reset', sessionId});
    this.log.push(this.variant);
    // close4003 is a drop with a fixed 10 s retry: it spends one attempt of the budget.
    if (this.variant === 'close4003') this.attemptsLeft = Math.max(0, this.attemptsLeft - 1);
    if (this.variant === 'close4001') this.sessionChanged = true;
    const sessionsBefore = this.sessions.length;
    const closesFinally = commands.some((command) => command.command === 'close' && command.code === 1000);
    if (closesFinally) this.expectingEnd = true;
    for (const command of serverVariantCommands(this.variant, sessionId)) await simControl({...command});
    if (this.variant === 'close4001') {
      // The server rejected the session: a new conversation, with a fresh budget and no handoff.
      await waitFor(() => this.sessions.length > sessionsBefore || this.unexpectedEnd(), 'a new session after 4001', STUCK_MS);
      await this.waitConnected('the new conversation after 4001');
      this.handedOff = false;
      this.attemptsLeft = ATTEMPT_BUDGET;
    }
    if (!closesFinally) return;
    // Closed without SESSION_END: the chat ends but keeps the conversation; Try again resumes it.
    await waitFor(() => this.el.status === 'ended', `the end after ${this.variant}`, STUCK_MS);
    this.log.push('reconnect');
    this.el.reconnect();
    this.expectingEnd = false;
    await this.waitConnected(`back after ${this.variant}`);
    if (this.el.sessionId !== sessionId) throw new Error(`reconnect() moved to another session after ${this.variant}`);
  }

  private say(): void {
    this.send(`c${this.seed}.${++this.said} ${this.rng.pick(FRUITS)}`);
  }

  private burst(): void {
    const count = this.rng.int(2, 4);
    this.log.push(`burst of ${count}`);
    for (let i = 0; i < count; i++) this.say();
  }

  private send(text: string): void {
    this.sent.push(text);
    this.log.push(`send ${JSON.stringify(text)} (${this.el.status})`);
    this.el.send(text);
  }

  /** Lets the conversation move on a little: until the transcript grew by a few characters, or it is quiet. */
  private async waitProgress(): Promise<void> {
    const want = this.rng.int(1, 60);
    const start = this.progress();
    this.log.push(`wait for ${want} chars`);
    await waitFor(() => this.progress() - start >= want || this.locallyQuiet() || this.unexpectedEnd(), 'progress', STUCK_MS);
  }

  /**
   * A new conversation, from a quiet point (so the old session's truth is complete): the server
   * rejects the session (4001), or it expires (handshakes 404 from now on), or the server closes
   * with 1000 (final) and the user starts over.
   */
  private async changeSession(): Promise<void> {
    await this.settle();
    this.sessionChanged = true;
    const before = this.sessions.length;
    const kind = this.rng.pick(['4001', 'expire', '1000'] as const);
    count(`sessionChange:${kind}`);
    this.log.push(`session change: ${kind}`);
    const sessionId = this.sessionId();
    if (kind === '4001') await simControl({command: 'close', sessionId, code: 4001});
    else if (kind === 'expire') await simControl({command: 'expireSession', sessionId});
    else {
      this.expectingEnd = true;
      await simControl({command: 'close', sessionId, code: 1000});
      await waitFor(() => this.el.status === 'ended', 'the end after close 1000', STUCK_MS);
      this.log.push('restart');
      await this.el.restart();
      this.expectingEnd = false;
    }
    await waitFor(() => this.sessions.length > before || this.unexpectedEnd(), 'a new session', STUCK_MS);
    this.handedOff = false;
    this.attemptsLeft = ATTEMPT_BUDGET;
    await this.waitConnected('the new conversation');
  }

  /** When none of the drawn faults made the chat reconnect (yet): a plain drop, which always does. */
  private async atLeastOneReconnect(): Promise<void> {
    await this.waitConnected('before the closing check');
    if (this.connections > 1) return;
    count('forced drop');
    this.log.push('drop (no fault has struck yet)');
    await simControl({command: 'drop', sessionId: this.sessionId()});
    await waitFor(() => this.connections > 1 || this.unexpectedEnd(), 'a reconnect after the forced drop', STUCK_MS);
  }

  /** The script may end the conversation: the live agent is told "bye", or the user leaves. */
  private async finish(): Promise<void> {
    const roll = this.rng.next();
    if (this.handedOff && roll < 0.25) {
      this.send('bye for now');
      this.ended = true;
    } else if (roll > 0.9) {
      await this.settle();
      this.log.push('user leaves');
      this.el.end();
      this.ended = true;
    }
    for (const sessionId of this.sessions) await simControl({command: 'reset', sessionId});
  }

  // ---- checks ------------------------------------------------------------------------------------

  /** Quiet (nothing in flight either side) and showing exactly the stored truth; fails with a diff when it never gets there. */
  async settle(): Promise<SimSessionRecord[]> {
    const started = performance.now();
    let last = '';
    for (;;) {
      const result = await this.check();
      if (result.ok) return result.records;
      last = result.why;
      if (performance.now() - started > STUCK_MS) throw new Error(`never settled: ${last}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  private async check(): Promise<{ok: true; records: SimSessionRecord[]} | {ok: false; why: string}> {
    const status = this.el.status;
    if (status !== 'live' && status !== 'handoff' && status !== 'ended') return {ok: false, why: `status ${status}`};
    // Once the script ended the chat, only `ended` is settled. After the user leaves, the chat
    // stays live or handoff until SESSION_END, the server's close or the end grace (transition.ts
    // onUserEnded); under closeWithoutEnd the close comes closeGraceMs (200 ms) after the end, and
    // the checks below can all pass well before it.
    if (this.ended && status !== 'ended') return {ok: false, why: `status ${status} after the script ended the chat`};
    const unsent = this.el.messages.filter((message) => message.role === 'user' && message.delivery !== 'sent');
    if (unsent.length > 0) return {ok: false, why: `${unsent.length} user message(s) ${unsent.map((m) => m.delivery).join(', ')}`};
    const listed = (await (await fetch('/__sim/sessions')).json()) as Array<{sessionId: string; pending: number}>;
    const busy = listed.filter((entry) => this.sessions.includes(entry.sessionId) && entry.pending > 0);
    if (busy.length > 0) return {ok: false, why: 'the simulator is still sending'};
    const records = await sessionRecords(this.sessions);
    const shown = contentOfMessages(this.el.messages);
    const truth = expectedContent(records);
    if (!sameContent(shown, truth)) return {ok: false, why: `transcript ≠ stored history:\n${contentDiff(shown, truth)}`};
    // The status may have moved while the simulator was asked (a drop noticed meanwhile): settled
    // means connected before and after, else the next action (a 4001 close) may find no socket.
    if (this.el.status !== status) return {ok: false, why: `status moved to ${this.el.status}`};
    return {ok: true, records};
  }

  async verify(): Promise<void> {
    const records = await this.settle();
    count('runs');
    count('reconnects', this.connections - 1);
    if (this.connections < 2) throw new Error(`the faults caused no reconnect (connected ${this.connections} time(s))`);
    count('user messages', this.sent.length);
    count('sessions', this.sessions.length);
    if (this.el.streaming) count('streaming runs');
    if (this.handedOff) count('ended in handoff');
    if (this.ended) count('ended by the script');
    const expected: PolyChatStatus = this.ended ? 'ended' : this.handedOff ? 'handoff' : 'live';
    if (this.el.status !== expected) throw new Error(`status ${this.el.status}, expected ${expected}`);
    const messages = this.el.messages;
    const ids = messages.map((message) => message.id);
    if (new Set(ids).size !== ids.length) throw new Error('a message id appears twice');
    const open = messages.filter((message) => message.role !== 'user' && !message.complete);
    if (open.length > 0) throw new Error(`${open.length} reply(ies) never completed`);
    const users = messages.filter((message) => message.role === 'user');
    for (const text of this.sent) {
      const shown = users.filter((message) => message.text === text).length;
      if (shown !== 1) throw new Error(`"${text}" is shown ${shown} times`);
    }
    if (users.length !== this.sent.length) throw new Error(`${users.length} user messages shown, ${this.sent.length} sent`);
    const received = receivedUserMessages(records);
    for (const message of users) {
      const count = received.get(message.clientEventId ?? '') ?? 0;
      if (count !== 1) throw new Error(`"${message.text}" reached the simulator ${count} times`);
    }
    const total = [...received.values()].reduce((sum, count) => sum + count, 0);
    if (total !== this.sent.length) throw new Error(`the simulator received ${total} user messages, ${this.sent.length} were sent`);
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private sessionId(): string {
    const id = this.el.sessionId ?? this.sessions.at(-1);
    if (!id) throw new Error('no session yet');
    return id;
  }

  private async waitConnected(what: string): Promise<void> {
    await waitFor(() => CONNECTED.has(this.el.status) || this.unexpectedEnd(), `connected: ${what} (status ${this.el.status})`, STUCK_MS);
  }

  /** Throws when the chat ended by itself (it only may when the script ends it). */
  private unexpectedEnd(): boolean {
    if (this.el.status !== 'ended' || this.ended || this.expectingEnd) return false;
    throw new Error(`the chat ended by itself (status ended, reason ${this.el.shadowRoot?.querySelector('[part~="end-panel"]')?.getAttribute('data-reason') ?? '?'})`);
  }

  private progress(): number {
    return this.el.messages.reduce((sum, message) => sum + message.text.length + 1, 0);
  }

  private locallyQuiet(): boolean {
    const last = this.el.messages.at(-1);
    return (
      CONNECTED.has(this.el.status) &&
      last !== undefined &&
      last.role !== 'user' &&
      last.complete &&
      this.el.messages.every((message) => message.role !== 'user' || message.delivery === 'sent')
    );
  }
}

/** Plays one seed and checks it; the error names the seed, its actions and how to replay it. */
export async function runChaosSeed(seed: number, host: HTMLElement): Promise<void> {
  const run = new ChaosRun(seed, host);
  try {
    await run.play();
    await run.verify();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `chaos seed ${seed} failed: ${reason}\n  actions: ${run.log.join(' → ')}\n` +
        `  replay: CHAOS_SEED=${seed} npx wtr --config web-test-runner.config.mjs test/reliability/chaos.browser.test.ts`,
    );
  } finally {
    run.dispose();
  }
}
