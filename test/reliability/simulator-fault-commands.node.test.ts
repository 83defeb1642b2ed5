// The simulator commands the reliability suite needs: per-session agent pacing, raw events (any
// content, for hostile-input tests), raw frames, a silenced socket (laptop sleep) and the
// `pending` count that tells when a session is quiet.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {parseCommand} from '../../server/simulator/command-parser.js';
import type {SessionSummary} from '../../server/simulator/index.js';
import {SimClient, newSession, socketUrl, startTestSim} from '../helpers/node/sim-client.js';
import type {TestSim} from '../helpers/node/sim-client.js';

/** Polls a server-side condition (the simulator's own state changes without client frames). */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 300) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('simulator commands for the reliability suite', () => {
  let sim: TestSim;
  before(async () => {
    sim = await startTestSim({agentDelayMs: 0});
  });
  after(() => sim.close());

  const summary = (sessionId: string): SessionSummary => {
    const found = (sim.simulator.control({command: 'sessions'}) as SessionSummary[]).find((entry) => entry.sessionId === sessionId);
    if (!found) throw new Error('no summary');
    return found;
  };

  test('raw stores and sends any event (sequenced unless transient); frames go out as they are, unstored', async () => {
    const creds = await newSession(sim);
    const client = await SimClient.connect(socketUrl(sim, creds));
    try {
      const payload = {message_id: 'm-raw', text: '<img src=x onerror=alert(1)>', agent_name: '<b>x</b>'};
      sim.simulator.control({command: 'raw', sessionId: creds.sessionId, type: 'EVENT_TYPE_POLY_AGENT_MESSAGE', payload});
      sim.simulator.control({command: 'raw', sessionId: creds.sessionId, type: 'EVENT_TYPE_POLY_AGENT_THINKING'});
      sim.simulator.control({command: 'frames', sessionId: creds.sessionId, frames: ['{"not": "an event"', 'plain text']});
      await client.waitFor((c) => c.raw.includes('plain text'), 'the raw frames');
      const message = client.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE')[0];
      assert.deepEqual(message?.payload, payload);
      assert.equal(message?.sequence, 2);
      assert.equal(client.ofType('EVENT_TYPE_POLY_AGENT_THINKING')[0]?.sequence, null);
      assert.ok(client.raw.includes('{"not": "an event"'));
      const history = sim.simulator.history(creds.sessionId) as Array<{type: string}>;
      assert.deepEqual(
        history.map((event) => event.type),
        ['EVENT_TYPE_SESSION_START', 'EVENT_TYPE_POLY_AGENT_MESSAGE'],
      );
    } finally {
      await client.close();
    }
  });

  test('silence: the socket stays open but nothing is sent on it, and what it sends is ignored', async () => {
    const creds = await newSession(sim);
    const client = await SimClient.connect(socketUrl(sim, creds));
    try {
      await client.waitFor((c) => c.frames.length > 0, 'the replay');
      sim.simulator.control({command: 'silence', sessionId: creds.sessionId});
      client.join();
      client.send({type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
      sim.simulator.control({command: 'say', sessionId: creds.sessionId, role: 'live-agent', text: 'into the void'});
      // A second, normal socket proves the server went on: it gets the stored message…
      const other = await SimClient.connect(socketUrl(sim, creds));
      try {
        await other.waitForType('EVENT_TYPE_LIVE_AGENT_MESSAGE');
      } finally {
        await other.close();
      }
      // …while the silenced one got nothing after its replay, and its frames never arrived.
      assert.deepEqual(
        client.events.map((event) => event.type),
        ['EVENT_TYPE_SESSION_START'],
      );
      assert.deepEqual(sim.simulator.received(creds.sessionId), []);
      await until(() => summary(creds.sessionId).sockets === 1, 'only the silenced socket left');
      assert.equal(client.ws.readyState, client.ws.OPEN);
    } finally {
      await client.close();
    }
  });

  test('agentDelay paces one session; pending counts queued output until the session is quiet', async () => {
    const creds = await newSession(sim);
    const client = await SimClient.connect(socketUrl(sim, creds));
    try {
      sim.simulator.control({command: 'agentDelay', sessionId: creds.sessionId, ms: 40});
      client.join();
      await client.waitForType('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN');
      // The join echo went out at once; the greeting (joined, thinking, message) is paced.
      assert.ok(summary(creds.sessionId).pending > 0);
      await client.joinAndWaitForGreeting();
      await until(() => summary(creds.sessionId).pending === 0, 'a quiet session');
      sim.simulator.control({command: 'reset', sessionId: creds.sessionId});
      client.say('hello');
      await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', 2);
    } finally {
      await client.close();
    }
  });

  test('the new commands are validated when they arrive as JSON', () => {
    assert.deepEqual(parseCommand({command: 'agentDelay', ms: 3}), {command: 'agentDelay', ms: 3});
    assert.deepEqual(parseCommand({command: 'raw', sessionId: 's', type: 'T', payload: {a: 1}}), {
      command: 'raw',
      sessionId: 's',
      type: 'T',
      payload: {a: 1},
    });
    assert.deepEqual(parseCommand({command: 'frames', frames: ['x']}), {command: 'frames', frames: ['x']});
    assert.deepEqual(parseCommand({command: 'silence', sessionId: 's'}), {command: 'silence', sessionId: 's'});
    assert.throws(() => parseCommand({command: 'agentDelay'}), /"ms" must be a number/);
    assert.throws(() => parseCommand({command: 'raw'}), /"type" is required/);
    assert.throws(() => parseCommand({command: 'raw', type: 'T', payload: [1]}), /"payload" must be an object/);
    assert.throws(() => parseCommand({command: 'frames', frames: [1]}), /array of strings/);
  });
});
