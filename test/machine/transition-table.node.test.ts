// The session machine as a table: every fixture state (one per status, and per connecting phase)
// × every event type. Rows list the pairs that change the status/phase or emit effects; every pair
// not listed must leave status and phase as they were and emit nothing. `to` is status:phase;
// effects are tokens in order (start:<timer>, cancel:<timer>, close:<code>, newSession:<reason>,
// error:<code>, end:<reason>, else the effect type).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {State} from '../../src/machine/state.js';
import {transition} from '../../src/machine/transition.js';
import {FIXTURE_NAMES, fixture} from './fixtures.js';
import type {FixtureName} from './fixtures.js';
import {TABLE_EVENTS, TABLE_EVENT_NAMES, effectToken} from './table-events.js';
import type {TableEventName} from './table-events.js';

const CHANGES = `
from                     | event                           | to                       | effects
idle                     | start                           | connecting:credentials   | credentials.fetch start:connect-timeout

connecting:credentials   | credentials.resolved            | connecting:socket        | cancel:connect-timeout socket.open start:connect-timeout
connecting:credentials   | credentials.failed              | connecting:waiting       | cancel:connect-timeout start:retry
connecting:credentials   | credentials.insecure            | ended                    | cancel:connect-timeout error:insecure-url end:failed
connecting:credentials   | timer.fired(connect-timeout)    | connecting:waiting       | start:retry
connecting:credentials   | user.ended                      | ended                    | cancel:connect-timeout end:REASON_USER_END
connecting:credentials   | user.restart                    | connecting:credentials   | cancel:connect-timeout newSession:restart credentials.fetch start:connect-timeout
connecting:credentials   | dispose                         | idle                     | cancel:connect-timeout

connecting:session       | session.created                 | connecting:socket        | cancel:connect-timeout socket.open start:connect-timeout
connecting:session       | session.failed                  | connecting:waiting       | cancel:connect-timeout start:retry
connecting:session       | timer.fired(connect-timeout)    | connecting:waiting       | start:retry
connecting:session       | user.ended                      | ended                    | cancel:connect-timeout end:REASON_USER_END
connecting:session       | user.restart                    | connecting:credentials   | cancel:connect-timeout newSession:restart credentials.fetch start:connect-timeout
connecting:session       | dispose                         | idle                     | cancel:connect-timeout

connecting:socket        | socket.opened                   | connecting:history       | cancel:connect-timeout start:replay-grace
connecting:socket        | socket.closed                   | connecting:waiting       | cancel:connect-timeout start:retry
connecting:socket        | server.events(SESSION_END)      | ended                    | close:1000 cancel:connect-timeout end:REASON_NATURAL_END
connecting:socket        | server.events(Session not found) | connecting:credentials   | close:1000 newSession:expired cancel:connect-timeout credentials.fetch start:connect-timeout
connecting:socket        | server.events(message, SESSION_END) | ended                    | close:1000 cancel:connect-timeout end:REASON_NATURAL_END
connecting:socket        | timer.fired(connect-timeout)    | connecting:waiting       | close:4000 start:retry
connecting:socket        | user.ended                      | ended                    | close:1000 cancel:connect-timeout end:REASON_USER_END
connecting:socket        | user.restart                    | connecting:credentials   | close:1000 cancel:connect-timeout newSession:restart credentials.fetch start:connect-timeout
connecting:socket        | dispose                         | idle                     | close:1000 cancel:connect-timeout

connecting:history       | socket.closed                   | connecting:waiting       | cancel:replay-grace start:retry
connecting:history       | history.received                | live:ready               | cancel:replay-grace send.join outbox.flush start:heartbeat start:liveness start:stable start:recycle
connecting:history       | server.events(SESSION_END)      | ended                    | close:1000 cancel:replay-grace end:REASON_NATURAL_END
connecting:history       | server.events(Session not found) | connecting:credentials   | close:1000 newSession:expired cancel:replay-grace credentials.fetch start:connect-timeout
connecting:history       | server.events(message, SESSION_END) | ended                    | close:1000 cancel:replay-grace end:REASON_NATURAL_END
connecting:history       | timer.fired(replay-grace)       | live:ready               | send.join outbox.flush start:heartbeat start:liveness start:stable start:recycle
connecting:history       | user.ended                      | connecting:history       | send.end cancel:replay-grace start:end-grace
connecting:history       | user.restart                    | connecting:credentials   | send.end close:1000 cancel:replay-grace newSession:restart credentials.fetch start:connect-timeout
connecting:history       | dispose                         | idle                     | close:1000 cancel:replay-grace

connecting:waiting       | timer.fired(retry)              | connecting:credentials   | credentials.fetch start:connect-timeout
connecting:waiting       | user.ended                      | ended                    | cancel:retry end:REASON_USER_END
connecting:waiting       | user.restart                    | connecting:credentials   | cancel:retry newSession:restart credentials.fetch start:connect-timeout
connecting:waiting       | user.retryNow                   | connecting:credentials   | cancel:retry credentials.fetch start:connect-timeout
connecting:waiting       | network.offline                 | connecting:waiting       | cancel:retry
connecting:waiting       | network.online                  | connecting:credentials   | cancel:retry credentials.fetch start:connect-timeout
connecting:waiting       | dispose                         | idle                     | cancel:retry

live                     | socket.closed                   | reconnecting:waiting     | cancel:heartbeat cancel:liveness cancel:stable cancel:recycle start:retry
live                     | server.events(SESSION_END)      | ended                    | close:1000 cancel:heartbeat cancel:liveness cancel:stable cancel:recycle end:REASON_NATURAL_END
live                     | server.events(TRIGGERED_HANDOFF) | handoff:ready            | -
live                     | server.events(Session not found) | reconnecting:credentials | close:1000 newSession:expired cancel:heartbeat cancel:liveness cancel:stable cancel:recycle credentials.fetch start:connect-timeout
live                     | server.events(message, SESSION_END) | ended                    | close:1000 cancel:heartbeat cancel:liveness cancel:stable cancel:recycle end:REASON_NATURAL_END
live                     | timer.fired(heartbeat)          | live:ready               | send.heartbeat start:heartbeat
live                     | timer.fired(liveness)           | live:ready               | start:liveness
live                     | timer.fired(recycle)            | live:recycle-socket      | close:4002 cancel:heartbeat cancel:liveness cancel:stable socket.open start:connect-timeout
live                     | user.ended                      | live:ready               | send.end cancel:heartbeat cancel:liveness cancel:stable cancel:recycle start:end-grace
live                     | user.restart                    | connecting:credentials   | send.end close:1000 cancel:heartbeat cancel:liveness cancel:stable cancel:recycle newSession:restart credentials.fetch start:connect-timeout
live                     | page.shown                      | live:ready               | send.heartbeat start:liveness
live                     | socket.suspect                  | live:ready               | send.heartbeat start:liveness
live                     | dispose                         | idle                     | close:1000 cancel:heartbeat cancel:liveness cancel:stable cancel:recycle

handoff                  | socket.closed                   | reconnecting:waiting     | cancel:heartbeat cancel:liveness cancel:stable cancel:recycle start:retry
handoff                  | server.events(SESSION_END)      | ended                    | close:1000 cancel:heartbeat cancel:liveness cancel:stable cancel:recycle end:REASON_NATURAL_END
handoff                  | server.events(HANDOFF_FAILED)   | live:ready               | -
handoff                  | server.events(Session not found) | reconnecting:credentials | close:1000 newSession:expired cancel:heartbeat cancel:liveness cancel:stable cancel:recycle credentials.fetch start:connect-timeout
handoff                  | server.events(message, SESSION_END) | ended                    | close:1000 cancel:heartbeat cancel:liveness cancel:stable cancel:recycle end:REASON_NATURAL_END
handoff                  | timer.fired(heartbeat)          | handoff:ready            | send.heartbeat start:heartbeat
handoff                  | timer.fired(liveness)           | handoff:ready            | start:liveness
handoff                  | timer.fired(recycle)            | handoff:recycle-socket   | close:4002 cancel:heartbeat cancel:liveness cancel:stable socket.open start:connect-timeout
handoff                  | user.ended                      | handoff:ready            | send.end cancel:heartbeat cancel:liveness cancel:stable cancel:recycle start:end-grace
handoff                  | user.restart                    | connecting:credentials   | send.end close:1000 cancel:heartbeat cancel:liveness cancel:stable cancel:recycle newSession:restart credentials.fetch start:connect-timeout
handoff                  | page.shown                      | handoff:ready            | send.heartbeat start:liveness
handoff                  | socket.suspect                  | handoff:ready            | send.heartbeat start:liveness
handoff                  | dispose                         | idle                     | close:1000 cancel:heartbeat cancel:liveness cancel:stable cancel:recycle

reconnecting:waiting     | timer.fired(retry)              | reconnecting:socket      | socket.open start:connect-timeout
reconnecting:waiting     | user.ended                      | ended                    | cancel:retry end:REASON_USER_END
reconnecting:waiting     | user.restart                    | connecting:credentials   | cancel:retry newSession:restart credentials.fetch start:connect-timeout
reconnecting:waiting     | user.retryNow                   | reconnecting:socket      | cancel:retry socket.open start:connect-timeout
reconnecting:waiting     | network.offline                 | reconnecting:waiting     | cancel:retry
reconnecting:waiting     | network.online                  | reconnecting:socket      | cancel:retry socket.open start:connect-timeout
reconnecting:waiting     | dispose                         | idle                     | cancel:retry

reconnecting:credentials | credentials.resolved            | reconnecting:socket      | newSession:expired cancel:connect-timeout socket.open start:connect-timeout
reconnecting:credentials | credentials.failed              | reconnecting:waiting     | cancel:connect-timeout start:retry
reconnecting:credentials | credentials.insecure            | ended                    | cancel:connect-timeout error:insecure-url end:failed
reconnecting:credentials | timer.fired(connect-timeout)    | reconnecting:waiting     | start:retry
reconnecting:credentials | user.ended                      | ended                    | cancel:connect-timeout end:REASON_USER_END
reconnecting:credentials | user.restart                    | connecting:credentials   | cancel:connect-timeout newSession:restart credentials.fetch start:connect-timeout
reconnecting:credentials | dispose                         | idle                     | cancel:connect-timeout

live:replay              | socket.closed                   | reconnecting:waiting     | cancel:replay-grace cancel:heartbeat cancel:liveness cancel:stable cancel:recycle start:retry
live:replay              | history.received                | live:ready               | cancel:replay-grace outbox.flush
live:replay              | server.events(SESSION_END)      | ended                    | close:1000 cancel:replay-grace cancel:heartbeat cancel:liveness cancel:stable cancel:recycle end:REASON_NATURAL_END
live:replay              | server.events(TRIGGERED_HANDOFF) | handoff:replay           | -
live:replay              | server.events(Session not found) | reconnecting:credentials | close:1000 newSession:expired cancel:replay-grace cancel:heartbeat cancel:liveness cancel:stable cancel:recycle credentials.fetch start:connect-timeout
live:replay              | server.events(message, SESSION_END) | ended                    | close:1000 cancel:replay-grace cancel:heartbeat cancel:liveness cancel:stable cancel:recycle end:REASON_NATURAL_END
live:replay              | timer.fired(heartbeat)          | live:replay              | send.heartbeat start:heartbeat
live:replay              | timer.fired(liveness)           | live:replay              | start:liveness
live:replay              | timer.fired(replay-grace)       | live:ready               | outbox.flush
live:replay              | user.ended                      | live:replay              | send.end cancel:replay-grace cancel:heartbeat cancel:liveness cancel:stable cancel:recycle start:end-grace
live:replay              | user.restart                    | connecting:credentials   | send.end close:1000 cancel:replay-grace cancel:heartbeat cancel:liveness cancel:stable cancel:recycle newSession:restart credentials.fetch start:connect-timeout
live:replay              | page.shown                      | live:replay              | send.heartbeat start:liveness
live:replay              | socket.suspect                  | live:replay              | send.heartbeat start:liveness
live:replay              | dispose                         | idle                     | close:1000 cancel:replay-grace cancel:heartbeat cancel:liveness cancel:stable cancel:recycle

ended                    | user.restart                    | connecting:credentials   | newSession:restart credentials.fetch start:connect-timeout

ended:retryable          | user.restart                    | connecting:credentials   | newSession:restart credentials.fetch start:connect-timeout
ended:retryable          | user.retryNow                   | reconnecting:socket      | socket.open start:connect-timeout
`;

const STATUSES = new Set(['idle', 'connecting', 'reconnecting', 'live', 'handoff', 'ended']);

function where(state: State): string {
  return 'phase' in state ? `${state.status}:${state.phase}` : state.status;
}

interface Row {
  readonly from: FixtureName;
  readonly event: TableEventName;
  readonly to: string;
  readonly effects: string;
}

function parseTable(text: string): Row[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.slice(1).map((line) => {
    const [from = '', event = '', to = '', effects = ''] = line.split('|').map((cell) => cell.trim());
    assert.ok((FIXTURE_NAMES as string[]).includes(from), `unknown fixture in table: ${from}`);
    assert.ok((TABLE_EVENT_NAMES as string[]).includes(event), `unknown event in table: ${event}`);
    return {from: from as FixtureName, event: event as TableEventName, to, effects};
  });
}

const rows = parseTable(CHANGES);

function expected(from: FixtureName, event: TableEventName): string {
  const row = rows.find((candidate) => candidate.from === from && candidate.event === event);
  if (row) return `${event} → ${row.to} | ${row.effects}`;
  return `${event} → ${where(fixture(from).state)} | -`;
}

describe('transition table: every status × every event', () => {
  it('lists each (state, event) pair at most once', () => {
    const keys = rows.map((row) => `${row.from} ${row.event}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  for (const from of FIXTURE_NAMES) {
    it(`${from}: each event gives the tabled status/phase and effects`, () => {
      const actual: string[] = [];
      for (const event of TABLE_EVENT_NAMES) {
        const h = fixture(from);
        const effects = h.dispatch(TABLE_EVENTS[event](h));
        assert.ok(STATUSES.has(h.state.status), `${from} + ${event} gave status ${h.state.status}`);
        actual.push(`${event} → ${where(h.state)} | ${effects.map(effectToken).join(' ') || '-'}`);
      }
      assert.deepEqual(actual, TABLE_EVENT_NAMES.map((event) => expected(from, event)));
    });
  }
});

describe('stale epochs', () => {
  for (const from of FIXTURE_NAMES) {
    it(`${from}: results of another epoch change nothing`, () => {
      for (const event of TABLE_EVENT_NAMES) {
        const h = fixture(from);
        const input = TABLE_EVENTS[event](h);
        if (!('epoch' in input)) continue;
        for (const epoch of [h.epoch - 1, h.epoch + 1]) {
          const result = transition(h.state, {...input, epoch, at: h.now, jitter: 0.5});
          assert.equal(result.state, h.state, `${from} + ${event} @${epoch} changed the state`);
          assert.deepEqual(result.effects, [], `${from} + ${event} @${epoch} had effects`);
        }
      }
    });
  }
});
