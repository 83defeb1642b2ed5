// One representative of every event type (plus every timer), stamped for a given fixture: results
// of async work carry the fixture's current epoch, so none is stale.
import type {Effect} from '../../src/machine/effect.js';
import type {MachineEvent} from '../../src/machine/event.js';
import type {TimerName} from '../../src/machine/timer-name.js';
import type {Harness, EventInput} from './harness.js';
import {serverEvent} from './harness.js';

export const TABLE_EVENTS = {
  start: () => ({type: 'start', streaming: false}),
  'credentials.resolved': (h) => ({
    type: 'credentials.resolved',
    epoch: h.epoch,
    hasSession: true,
    sessionId: 'session-2',
    baseUrl: 'https://messaging.poly.ai',
  }),
  'credentials.failed': (h) => ({
    type: 'credentials.failed',
    epoch: h.epoch,
    retryable: true,
    error: {code: 'credentials-http', message: 'HTTP 503'},
  }),
  'credentials.insecure': (h) => ({type: 'credentials.insecure', epoch: h.epoch}),
  'session.created': (h) => ({type: 'session.created', epoch: h.epoch, sessionId: 'session-2'}),
  'session.failed': (h) => ({
    type: 'session.failed',
    epoch: h.epoch,
    retryable: true,
    status: 500,
    error: {code: 'session-http', message: 'HTTP 500'},
  }),
  'socket.opened': (h) => ({type: 'socket.opened', epoch: h.epoch}),
  'socket.closed': (h) => ({type: 'socket.closed', epoch: h.epoch, code: 1006, reason: '', wasOpen: false}),
  'socket.frame': (h) => ({type: 'socket.frame', epoch: h.epoch}),
  'socket.suspect': (h) => ({type: 'socket.suspect', epoch: h.epoch}),
  'history.received': (h) => ({type: 'history.received', epoch: h.epoch, facts: h.facts()}),
  'server.events(SESSION_END)': (h) => ({
    type: 'server.events',
    epoch: h.epoch,
    replayed: false,
    events: [serverEvent({type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_NATURAL_END'}, 20)],
    facts: {...h.facts(), endReason: 'REASON_NATURAL_END'},
  }),
  'server.events(TRIGGERED_HANDOFF)': (h) => ({
    type: 'server.events',
    epoch: h.epoch,
    replayed: false,
    events: [serverEvent({type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'}, 20)],
    facts: {...h.facts(), handoff: 'active'},
  }),
  'server.events(HANDOFF_FAILED)': (h) => ({
    type: 'server.events',
    epoch: h.epoch,
    replayed: false,
    events: [serverEvent({type: 'EVENT_TYPE_HANDOFF_FAILED'}, 20)],
    facts: {...h.facts(), handoff: 'none'},
  }),
  'server.events(Session not found)': (h) => ({
    type: 'server.events',
    epoch: h.epoch,
    replayed: false,
    events: [serverEvent({type: 'EVENT_TYPE_SYSTEM_MESSAGE', level: 'error', message: 'Error: Session not found'}, 20)],
    facts: h.facts(),
  }),
  'server.events(message, SESSION_END)': (h) => ({
    type: 'server.events',
    epoch: h.epoch,
    replayed: true,
    events: [
      serverEvent({type: 'EVENT_TYPE_USER_MESSAGE', messageId: 'u', text: 'Hi'}, 19),
      serverEvent({type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_NATURAL_END'}, 20),
    ],
    facts: {...h.facts(), endReason: 'REASON_NATURAL_END'},
  }),
  'replay.settled': (h) => ({type: 'replay.settled', epoch: h.epoch}),
  'timer.fired(retry)': (h) => ({type: 'timer.fired', epoch: h.epoch, timer: 'retry'}),
  'timer.fired(heartbeat)': (h) => ({type: 'timer.fired', epoch: h.epoch, timer: 'heartbeat'}),
  'timer.fired(liveness)': (h) => ({type: 'timer.fired', epoch: h.epoch, timer: 'liveness'}),
  'timer.fired(stable)': (h) => ({type: 'timer.fired', epoch: h.epoch, timer: 'stable'}),
  'timer.fired(end-grace)': (h) => ({type: 'timer.fired', epoch: h.epoch, timer: 'end-grace'}),
  'timer.fired(recycle)': (h) => ({type: 'timer.fired', epoch: h.epoch, timer: 'recycle'}),
  'timer.fired(connect-timeout)': (h) => ({type: 'timer.fired', epoch: h.epoch, timer: 'connect-timeout'}),
  'timer.fired(replay-grace)': (h) => ({type: 'timer.fired', epoch: h.epoch, timer: 'replay-grace'}),
  'user.ended': () => ({type: 'user.ended'}),
  'user.restart': () => ({type: 'user.restart'}),
  'user.retryNow': () => ({type: 'user.retryNow'}),
  'network.offline': () => ({type: 'network.offline'}),
  'network.online': () => ({type: 'network.online'}),
  'page.hidden': () => ({type: 'page.hidden'}),
  'page.shown': () => ({type: 'page.shown'}),
  dispose: () => ({type: 'dispose'}),
} satisfies Record<string, (h: Harness) => EventInput>;

export type TableEventName = keyof typeof TABLE_EVENTS;

// Exhaustive by construction: `tsc -p tsconfig.node.json` (part of `npm test -- static`) fails,
// naming the missing one, when an event type of MachineEvent or a TimerName has no row above. A
// row's event type is its name up to the first '(' ('server.events(SESSION_END)' → 'server.events').
type RowEventType<Name> = Name extends `${infer Type}(${string})` ? Type : Name;
type RowTimer<Name> = Name extends `timer.fired(${infer Timer})` ? Timer : never;
type NoneMissing<Missing extends never> = Missing;
export type EveryEventTypeHasARow = NoneMissing<Exclude<MachineEvent['type'], RowEventType<TableEventName>>>;
export type EveryTimerHasARow = NoneMissing<Exclude<TimerName, RowTimer<TableEventName>>>;

export const TABLE_EVENT_NAMES = Object.keys(TABLE_EVENTS) as TableEventName[];

/** Effects as short tokens: `start:heartbeat`, `cancel:retry`, `close:1000`, `newSession:expired`, … */
export function effectToken(effect: Effect): string {
  switch (effect.type) {
    case 'timer.start':
      return `start:${effect.timer}`;
    case 'timer.cancel':
      return `cancel:${effect.timer}`;
    case 'socket.close':
      return `close:${effect.code}`;
    case 'transcript.newSession':
      return `newSession:${effect.reason}`;
    case 'emit.error':
      return `error:${effect.code}`;
    case 'emit.end':
      return `end:${effect.reason}`;
    default:
      return effect.type;
  }
}
