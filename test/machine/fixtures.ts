// Reachable machine states, one per status (and per connecting phase), each built by driving a
// Harness through the real transitions, for the table-driven tests.
import type {Harness as HarnessType} from './harness.js';
import {Harness, agentMessage} from './harness.js';

export type FixtureName =
  | 'idle'
  | 'connecting:credentials'
  | 'connecting:session'
  | 'connecting:socket'
  | 'connecting:history'
  | 'connecting:waiting'
  | 'live'
  | 'handoff'
  | 'reconnecting:waiting'
  | 'reconnecting:credentials'
  | 'live:replay'
  | 'ended'
  | 'ended:retryable';

const builders: Record<FixtureName, (h: HarnessType) => void> = {
  idle: () => {},
  'connecting:credentials': (h) => h.start(),
  'connecting:session': (h) => {
    h.start();
    h.resolveCredentials();
  },
  'connecting:socket': (h) => {
    h.start();
    h.resolveCredentials('session-1');
  },
  'connecting:history': (h) => {
    h.start();
    h.resolveCredentials('session-1');
    h.open();
  },
  'connecting:waiting': (h) => {
    h.start();
    h.dispatch({
      type: 'credentials.failed',
      epoch: h.epoch,
      retryable: true,
      error: {code: 'credentials-http', message: 'HTTP 503'},
    });
  },
  live: (h) => h.connect(),
  handoff: (h) => {
    h.connect();
    h.server({type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'}, 5);
  },
  'reconnecting:waiting': (h) => {
    h.connect();
    h.server(agentMessage('hi'), 4);
    h.drop(1006);
  },
  // A socket was refused: the retry re-fetches credentials for the conversation it holds.
  'reconnecting:credentials': (h) => {
    h.connect();
    h.server(agentMessage('hi'), 4);
    h.drop(1006);
    h.advance(1000);
    h.drop(1006, false);
    h.advance(2000);
  },
  'live:replay': (h) => {
    h.connect();
    h.drop(1006);
    h.advance(1000);
    h.open();
  },
  ended: (h) => {
    h.connect();
    h.server({type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_NATURAL_END'}, 9);
  },
  'ended:retryable': (h) => {
    h.connect();
    h.drop(1000);
  },
};

export const FIXTURE_NAMES = Object.keys(builders) as FixtureName[];

/** A harness in the named state, its clock 10 s after the last step (no timer fired). */
export function fixture(name: FixtureName): HarnessType {
  const h = new Harness();
  builders[name](h);
  h.now += 10_000;
  return h;
}
