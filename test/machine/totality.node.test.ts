// Random walks through the machine (seeded, so failures replay): whatever arrives in whatever
// order, every transition returns a valid plain-data state and the harness invariants hold (no
// zero-delay timer, timers and sockets as the machine believes, nothing running in idle/ended).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {SessionFacts} from '../../src/protocol/session-facts.js';
import type {ServerEventBody} from '../../src/protocol/wire.js';
import {TIMER_NAMES} from '../../src/machine/timer-name.js';
import type {TimerName} from '../../src/machine/timer-name.js';
import {caps, Harness, NO_FACTS, serverEvent} from './harness.js';
import type {EventInput} from './harness.js';

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BODIES: ServerEventBody[] = [
  {type: 'EVENT_TYPE_SESSION_START', capabilities: caps({heartbeatIntervalSeconds: 10, maxReconnectAttempts: 4})},
  {type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_NATURAL_END'},
  {type: 'EVENT_TYPE_POLY_AGENT_JOINED'},
  {type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN'},
  {type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'},
  {type: 'EVENT_TYPE_LIVE_AGENT_JOINED'},
  {type: 'EVENT_TYPE_LIVE_AGENT_LEFT'},
  {type: 'EVENT_TYPE_HANDOFF_FAILED'},
  {type: 'EVENT_TYPE_POLY_AGENT_THINKING'},
  {type: 'EVENT_TYPE_SYSTEM_MESSAGE', level: 'error', message: 'Error: Session not found'},
  {type: 'EVENT_TYPE_SYSTEM_MESSAGE', level: 'error', message: 'Error: Conversation not found'},
  {type: 'EVENT_TYPE_SYSTEM_MESSAGE', level: 'error', message: "Sorry, I'm unable to start a conversation right now."},
];
const CODES = [1000, 1001, 1005, 1006, 1011, 4001, 4003, 4000, 3999];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  assert.ok(item !== undefined);
  return item;
}

function randomFacts(random: () => number): SessionFacts {
  return {
    handoff: pick(random, ['none', 'active', 'agent-left'] as const),
    capabilities: random() < 0.5 ? caps({heartbeatIntervalSeconds: pick(random, [0, 10, 30])}) : null,
    joined: random() < 0.5,
    endReason: random() < 0.1 ? 'REASON_NATURAL_END' : null,
  };
}

function randomEvent(random: () => number, h: Harness): EventInput {
  const roll = random();
  const epoch = roll < 0.1 ? h.epoch - 1 : roll < 0.15 ? h.epoch + 1 : h.epoch;
  const error = {code: 'connection-failed', message: 'x'} as const;
  const makers: (() => EventInput)[] = [
    () => ({type: 'start', streaming: random() < 0.5}),
    () => ({
      type: 'credentials.resolved',
      epoch,
      hasSession: random() < 0.5,
      sessionId: `s${Math.floor(random() * 3)}`,
      baseUrl: 'https://a',
      expiresIn: random() < 0.2 ? 30 : 86400,
    }),
    () => ({type: 'credentials.failed', epoch, retryable: random() < 0.8, error}),
    () => ({type: 'credentials.insecure', epoch}),
    () => ({type: 'session.created', epoch, sessionId: `n${Math.floor(random() * 3)}`}),
    () => ({type: 'session.failed', epoch, retryable: random() < 0.7, status: pick(random, [401, 429, 500]), error}),
    () => ({type: 'socket.opened', epoch}),
    () => ({type: 'socket.opened', epoch}),
    () => ({type: 'socket.closed', epoch, code: pick(random, CODES), reason: '', wasOpen: random() < 0.5}),
    () => ({type: 'socket.frame', epoch}),
    () => ({type: 'socket.suspect', epoch}),
    () => ({type: 'history.received', epoch, facts: randomFacts(random)}),
    () => ({type: 'history.received', epoch, facts: NO_FACTS}),
    // Facts as the transcript derives them, and any facts at all.
    () => h.serverInput([serverEvent(pick(random, BODIES), random() < 0.7 ? Math.floor(random() * 50) : null)], random() < 0.3, epoch),
    () => ({
      type: 'server.events',
      epoch,
      replayed: random() < 0.3,
      events: [serverEvent(pick(random, BODIES), random() < 0.7 ? Math.floor(random() * 50) : null)],
      facts: randomFacts(random),
    }),
    () => ({type: 'timer.fired', epoch, timer: pick(random, TIMER_NAMES)}),
    () => ({type: 'user.ended'}),
    () => ({type: 'user.restart'}),
    () => ({type: 'user.retryNow'}),
    () => ({type: 'network.offline'}),
    () => ({type: 'network.online'}),
    () => ({type: 'page.hidden'}),
    () => ({type: 'page.shown'}),
  ];
  if (random() < 0.01) return {type: 'dispose'};
  return pick(random, makers)();
}

type Action =
  | {readonly kind: 'event'; readonly event: EventInput}
  | {readonly kind: 'fire'; readonly timer: TimerName}
  | {readonly kind: 'advance'; readonly ms: number};

const event = (input: EventInput): Action => ({kind: 'event', event: input});

/** What a runtime would plausibly report next, so the walks reach every phase. */
function plausibleAction(random: () => number, h: Harness): Action {
  const state = h.state;
  const epoch = h.epoch;
  const error = {code: 'connection-failed', message: 'x'} as const;
  if (state.status === 'idle') return event({type: 'start', streaming: false});
  if (state.status === 'ended') return event({type: random() < 0.5 ? 'user.restart' : 'user.retryNow'});
  const r = random();
  const liveBody = (): ServerEventBody => pick(random, BODIES.slice(2, 9));
  switch (state.phase) {
    case 'credentials':
      if (r < 0.7) {
        const hasSession = random() < 0.5;
        return event({type: 'credentials.resolved', epoch, hasSession, sessionId: 's1', baseUrl: 'https://a'});
      }
      return event(
        r < 0.95 ? {type: 'credentials.failed', epoch, retryable: true, error} : {type: 'credentials.insecure', epoch},
      );
    case 'session':
      return event(
        r < 0.8
          ? {type: 'session.created', epoch, sessionId: 'n1'}
          : {type: 'session.failed', epoch, retryable: true, status: 500, error},
      );
    case 'socket':
    case 'recycle-socket':
      return event(
        r < 0.8
          ? {type: 'socket.opened', epoch}
          : {type: 'socket.closed', epoch, code: 1006, reason: '', wasOpen: false},
      );
    case 'history':
    case 'replay':
      if (r < 0.15 && h.timers.has('replay-grace')) return {kind: 'fire', timer: 'replay-grace'};
      if (r < 0.3) return event(h.serverInput([serverEvent(liveBody(), 3)], true));
      return event(
        r < 0.9
          ? {type: 'history.received', epoch, facts: h.facts(random() < 0.5)}
          : {type: 'socket.closed', epoch, code: 1006, reason: '', wasOpen: true},
      );
    case 'ready':
      if (r < 0.5) return event(h.serverInput([serverEvent(liveBody(), 5)], false));
      if (r < 0.6 && h.timers.has('recycle')) return {kind: 'fire', timer: 'recycle'};
      return r < 0.9 ? event({type: 'socket.frame', epoch}) : {kind: 'advance', ms: 30_000};
    case 'waiting':
      return h.timers.has('retry') ? {kind: 'fire', timer: 'retry'} : event({type: 'network.online'});
  }
}

/** Half plausible, half noise: time passing, a running timer firing early, any event at all. */
function nextAction(random: () => number, h: Harness): Action {
  const roll = random();
  if (roll < 0.5) return plausibleAction(random, h);
  if (roll < 0.6) return {kind: 'advance', ms: Math.floor(random() * 90_000)};
  const running = [...h.timers.keys()];
  if (roll < 0.7 && running.length > 0) return {kind: 'fire', timer: pick(random, running)};
  return event(randomEvent(random, h));
}

const VALID = new Set(['idle', 'connecting', 'reconnecting', 'live', 'handoff', 'ended']);

describe('totality', () => {
  it('survives 400 random walks of 250 steps with every invariant intact', () => {
    let transitions = 0;
    const visited = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) {
      const random = prng(seed);
      const h = new Harness({jitter: random()});
      for (let step = 0; step < 250; step++) {
        h.jitter = random();
        const before = h.state;
        const action = nextAction(random, h);
        try {
          if (action.kind === 'advance') h.advance(action.ms);
          else if (action.kind === 'fire') h.fire(action.timer);
          else h.dispatch(action.event);
        } catch (error) {
          assert.fail(`seed ${seed}, step ${step}, ${JSON.stringify(action)}: ${String(error)}`);
        }
        transitions++;
        visited.add('phase' in h.state ? `${h.state.status}:${h.state.phase}` : h.state.status);
        assert.ok(VALID.has(h.state.status), `seed ${seed}: status ${h.state.status}`);
        assert.deepEqual(JSON.parse(JSON.stringify(h.state)), h.state, 'state is plain data');
        if (before.status === 'ended' && action.kind === 'event') {
          const type = action.event.type;
          if (type !== 'user.restart' && type !== 'user.retryNow') {
            assert.deepEqual(h.last, [], `ended reacted to ${type}`);
          }
        }
      }
      h.dispatch({type: 'dispose'});
      assert.equal(h.timers.size, 0);
      assert.equal(h.socket, null);
    }
    assert.ok(transitions >= 100_000);
    // The walks must actually reach every corner, or they prove little.
    // A resumed socket is live at once: `history` (waiting for the first replay) is connecting only.
    const phases = ['waiting', 'credentials', 'session', 'socket'];
    const links = ['ready', 'recycle-socket', 'replay'];
    const expected = [
      'idle',
      'ended',
      ...phases.map((phase) => `connecting:${phase}`),
      'connecting:history',
      ...phases.map((phase) => `reconnecting:${phase}`),
      ...links.map((phase) => `live:${phase}`),
      ...links.map((phase) => `handoff:${phase}`),
    ];
    assert.deepEqual(expected.filter((where) => !visited.has(where)), []);
  });
});
