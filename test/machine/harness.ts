// A tiny interpreter for the session machine: a fake clock, the timers the machine asked for, the
// sockets it opened. Every dispatch checks the invariants any runtime relies on (no zero-delay
// timer, the machine's timer set matches what runs, one socket at most, nothing left running in
// idle/ended), so each scenario test also guards them.
import assert from 'node:assert/strict';
import type {Capabilities, ServerEvent, ServerEventBody} from '../../src/protocol/wire.js';
import type {Effect} from '../../src/machine/effect.js';
import type {MachineEvent} from '../../src/machine/event.js';
import {initialState} from '../../src/machine/state.js';
import type {State} from '../../src/machine/state.js';
import type {TimerName} from '../../src/machine/timer-name.js';
import {transition} from '../../src/machine/transition.js';
import {sessionFactsOf} from '../../src/protocol/session-facts.js';
import type {SessionFacts} from '../../src/protocol/session-facts.js';
import {createTranscript, reduceTranscript} from '../../src/protocol/transcript.js';
import type {TranscriptState} from '../../src/protocol/transcript-types.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event without its stamp; `at` defaults to the fake clock, `jitter` to the harness value. */
export type EventInput = DistributiveOmit<MachineEvent, 'at' | 'jitter'> & {at?: number; jitter?: number};

export const CAPS: Capabilities = {
  streaming: false,
  maxMessageSizeBytes: 131072,
  maxReconnectAttempts: null,
  heartbeatIntervalSeconds: 30,
};

export function caps(overrides: Partial<Capabilities> = {}): Capabilities {
  return {...CAPS, ...overrides};
}

let nextId = 0;
/** A PolyAI agent reply body. */
export function agentMessage(text = 'hello'): ServerEventBody {
  return {
    type: 'EVENT_TYPE_POLY_AGENT_MESSAGE',
    messageId: `m-${text}`,
    text,
    attachments: [],
    suggestions: [],
    callActions: [],
    endConversation: false,
  };
}

/** A decoded server event. */
export function serverEvent(body: ServerEventBody, sequence: number | null = null): ServerEvent {
  nextId += 1;
  return {id: `ev-${nextId}`, sequence, ...body};
}

/** The facts of a session with nothing in its transcript yet. */
export const NO_FACTS: SessionFacts = Object.freeze({handoff: 'none', capabilities: null, joined: false, endReason: null});

export interface RunningTimer {
  readonly due: number;
  readonly epoch: number;
}

export interface OpenSocket {
  readonly epoch: number;
  readonly sessionId: string;
  readonly credentialsEpoch: number;
}

export class Harness {
  state: State = initialState();
  now = 1_000_000;
  jitter = 0.5;
  /** Effects of the last dispatch (or of everything an `advance` fired). */
  last: Effect[] = [];
  /** Every effect so far. */
  readonly log: Effect[] = [];
  readonly timers = new Map<TimerName, RunningTimer>();
  socket: OpenSocket | null = null;
  /**
   * The session's transcript, as the runtime keeps it: the owner of the facts (handoff,
   * capabilities, joined, end) that server events hand the machine.
   */
  transcript: TranscriptState = createTranscript();

  constructor(init?: Partial<Pick<Harness, 'now' | 'jitter'>>) {
    if (init?.now !== undefined) this.now = init.now;
    if (init?.jitter !== undefined) this.jitter = init.jitter;
  }

  get epoch(): number {
    return this.state.epoch;
  }

  get status(): State['status'] {
    return this.state.status;
  }

  /** Feed one event; returns its effects. */
  dispatch(input: EventInput): Effect[] {
    const event = {...input, at: input.at ?? this.now, jitter: input.jitter ?? this.jitter} as MachineEvent;
    // A fired timer is no longer running (one-shot), as in a real runtime.
    if (event.type === 'timer.fired' && this.timers.get(event.timer)?.epoch === event.epoch) {
      this.timers.delete(event.timer);
    }
    // A socket that reports its close is gone.
    if (event.type === 'socket.closed' && this.socket?.epoch === event.epoch) this.socket = null;
    const {state, effects} = transition(this.state, event);
    this.state = state;
    this.last = [...effects];
    this.log.push(...effects);
    for (const effect of effects) this.apply(effect);
    this.check();
    return this.last;
  }

  /** Move the clock, firing due timers in order (each with the epoch it was started in). */
  advance(ms: number): Effect[] {
    const until = this.now + ms;
    const fired: Effect[] = [];
    for (;;) {
      let nextName: TimerName | null = null;
      let nextTimer: RunningTimer | null = null;
      for (const [name, timer] of this.timers) {
        if (timer.due <= until && (nextTimer === null || timer.due < nextTimer.due)) {
          nextName = name;
          nextTimer = timer;
        }
      }
      if (nextName === null || nextTimer === null) break;
      this.now = nextTimer.due;
      fired.push(...this.dispatch({type: 'timer.fired', epoch: nextTimer.epoch, timer: nextName}));
    }
    this.now = until;
    this.last = fired;
    return fired;
  }

  /** Fire one running timer now, whatever its due time. */
  fire(name: TimerName): Effect[] {
    const timer = this.timers.get(name);
    assert.ok(timer, `timer ${name} is not running`);
    return this.dispatch({type: 'timer.fired', epoch: timer.epoch, timer: name});
  }

  /** The effects of a type from the last dispatch. */
  find<T extends Effect['type']>(type: T): Extract<Effect, {type: T}>[] {
    return this.last.filter((effect): effect is Extract<Effect, {type: T}> => effect.type === type);
  }

  types(): string[] {
    return this.last.map((effect) => effect.type);
  }

  // ---- the runtime's side of common steps ----

  start(streaming = false): Effect[] {
    return this.dispatch({type: 'start', streaming});
  }

  resolveCredentials(sessionId?: string, extra: {expiresIn?: number; baseUrl?: string} = {}): Effect[] {
    return this.dispatch({
      type: 'credentials.resolved',
      epoch: this.epoch,
      hasSession: sessionId !== undefined,
      ...(sessionId !== undefined ? {sessionId} : {}),
      baseUrl: extra.baseUrl ?? 'https://messaging.poly.ai',
      ...(extra.expiresIn !== undefined ? {expiresIn: extra.expiresIn} : {}),
    });
  }

  open(): Effect[] {
    return this.dispatch({type: 'socket.opened', epoch: this.epoch});
  }

  /**
   * The first batch was processed: the transcript's facts, plus a join (`joined`) and a
   * SESSION_START's capabilities (null = the batch held none) the batch is taken to have held.
   */
  history(joined = false, capabilities: Capabilities | null = CAPS): Effect[] {
    return this.dispatch({type: 'history.received', epoch: this.epoch, facts: this.facts(joined, capabilities)});
  }

  facts(joined = false, capabilities: Capabilities | null = null): SessionFacts {
    const facts = sessionFactsOf(this.transcript);
    return {...facts, joined: facts.joined || joined, capabilities: facts.capabilities ?? capabilities};
  }

  /** The server closed (or the network dropped) the current socket. */
  drop(code = 1006, wasOpen = true): Effect[] {
    return this.dispatch({type: 'socket.closed', epoch: this.epoch, code, reason: '', wasOpen});
  }

  /** One server event: the transcript takes it, the machine gets it with the transcript's facts. */
  server(body: ServerEventBody, sequence: number | null = null, replayed = false): Effect[] {
    return this.serverEvents([serverEvent(body, sequence)], replayed);
  }

  serverEvents(events: readonly ServerEvent[], replayed = false): Effect[] {
    return this.dispatch(this.serverInput(events, replayed));
  }

  /** The server.events the runtime would feed for `events` (the transcript takes them first). */
  serverInput(events: readonly ServerEvent[], replayed: boolean, epoch = this.epoch): EventInput {
    this.transcript = reduceTranscript(this.transcript, {type: 'server', events, now: this.now});
    return {type: 'server.events', epoch, events, facts: this.facts(), replayed};
  }

  /** start → credentials (with a session) → open → history: live. */
  connect(options: {sessionId?: string; joined?: boolean; capabilities?: Capabilities; echoesHeartbeats?: boolean} = {}): void {
    this.start();
    this.resolveCredentials(options.sessionId ?? 'session-1');
    this.open();
    this.history(options.joined ?? false, options.capabilities ?? CAPS);
    // The server has shown it echoes heartbeats (silence is then evidence of a dead socket).
    if (options.echoesHeartbeats ?? true) this.server({type: 'EVENT_TYPE_HEARTBEAT'});
    assert.equal(this.status, 'live');
  }

  /** A dropped socket's retry: wait for the retry timer, open, replay. */
  reconnect(): void {
    const retry = this.timers.get('retry');
    assert.ok(retry, 'no retry timer');
    this.advance(retry.due - this.now);
    assert.ok(this.socket, 'the retry opened no socket');
    this.open();
    this.history(true, null);
  }

  // ---- the fake world ----

  private apply(effect: Effect): void {
    switch (effect.type) {
      case 'timer.start':
        assert.ok(
          Number.isInteger(effect.delayMs) && effect.delayMs > 0,
          `timer ${effect.timer} started with delay ${effect.delayMs}`,
        );
        this.timers.set(effect.timer, {due: this.now + effect.delayMs, epoch: effect.epoch});
        break;
      case 'timer.cancel':
        assert.ok(this.timers.has(effect.timer), `cancelled ${effect.timer}, which was not running`);
        this.timers.delete(effect.timer);
        break;
      case 'socket.open':
        assert.equal(this.socket, null, 'opened a second socket');
        if (this.transcript.sessionId !== effect.sessionId) {
          this.transcript = reduceTranscript(this.transcript, {type: 'new-session', sessionId: effect.sessionId});
        }
        this.socket = {epoch: effect.epoch, sessionId: effect.sessionId, credentialsEpoch: effect.credentialsEpoch};
        break;
      case 'socket.close':
        assert.ok(this.socket, 'closed a socket that does not exist');
        assert.equal(effect.epoch, this.socket.epoch, 'closed the wrong socket');
        assert.ok(
          effect.code === 1000 || (effect.code >= 3000 && effect.code <= 4999),
          `a browser cannot close with ${effect.code}`,
        );
        this.socket = null;
        break;
      case 'send.join':
      case 'send.heartbeat':
      case 'send.end':
      case 'outbox.flush':
        assert.ok(this.socket, `${effect.type} without a socket`);
        assert.equal(effect.epoch, this.socket.epoch, `${effect.type} on the wrong socket`);
        break;
      default:
        break;
    }
  }

  private check(): void {
    const state = this.state;
    const machineTimers = [...state.timers].sort();
    assert.deepEqual(machineTimers, [...this.timers.keys()].sort(), 'machine timers differ from running timers');
    assert.equal(new Set(state.timers).size, state.timers.length, 'duplicate timer in state');
    for (const [name, timer] of this.timers) assert.equal(timer.epoch, state.epoch, `timer ${name} of an old epoch`);
    const socketPhases = ['socket', 'history', 'ready', 'recycle-socket', 'replay'];
    const wantsSocket = 'phase' in state && socketPhases.includes(state.phase);
    assert.equal(this.socket !== null, wantsSocket, `socket presence does not match phase`);
    if (state.status === 'idle' || state.status === 'ended') {
      assert.equal(this.timers.size, 0, `${state.status} with timers running`);
      assert.equal(this.socket, null, `${state.status} with a socket`);
    }
  }
}
