// Server events that move the lifecycle: handoff in and out, and the system errors that call for
// a re-join or a new session.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {ServerEventBody} from '../../src/protocol/wire.js';
import {classifySystemError} from '../../src/machine/classify-system-error.js';
import {caps, Harness, NO_FACTS, serverEvent} from './harness.js';

const polyMessage: ServerEventBody = {
  type: 'EVENT_TYPE_POLY_AGENT_MESSAGE',
  messageId: 'p',
  text: 'I am back',
  attachments: [],
  suggestions: [],
  callActions: [],
  endConversation: false,
};

function systemError(message: string): ServerEventBody {
  return {type: 'EVENT_TYPE_SYSTEM_MESSAGE', level: 'error', message};
}

describe('handoff', () => {
  const entering: ServerEventBody[] = [
    {type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'},
    {type: 'EVENT_TYPE_HANDOFF_ACCEPTED'},
    {type: 'EVENT_TYPE_HANDOFF_QUEUE_STATUS', positionInQueue: 3},
    {type: 'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED', reason: 'POLICY'},
    {type: 'EVENT_TYPE_LIVE_AGENT_JOINED', agentName: 'Priya'},
    {type: 'EVENT_TYPE_LIVE_AGENT_TYPING', state: 'TYPING_STATE_STARTED'},
    {
      type: 'EVENT_TYPE_LIVE_AGENT_MESSAGE',
      messageId: 'l',
      text: 'Hi',
      attachments: [],
      suggestions: [],
      callActions: [],
      endConversation: false,
    },
  ];
  for (const body of entering) {
    it(`${body.type} → handoff, without effects`, () => {
      const h = new Harness();
      h.connect();
      assert.deepEqual(h.server(body, 5), []);
      assert.equal(h.status, 'handoff');
    });
  }

  for (const type of ['EVENT_TYPE_HANDOFF_FAILED', 'EVENT_TYPE_HANDOFF_TIMEOUT'] as const) {
    it(`${type} → back to live, never ended`, () => {
      const h = new Harness();
      h.connect();
      h.server({type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'}, 5);
      h.server({type: 'EVENT_TYPE_HANDOFF_ACCEPTED'}, 6);
      h.server({type}, 7);
      assert.equal(h.status, 'live');
    });
  }

  it('LIVE_AGENT_LEFT keeps the handoff status until SESSION_END', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_LIVE_AGENT_JOINED'}, 5);
    h.server({type: 'EVENT_TYPE_LIVE_AGENT_LEFT', agentName: 'Priya'}, 6);
    assert.equal(h.status, 'handoff');
    assert.equal(h.state.status === 'handoff' && h.state.handoff, 'agent-left');
    h.server({type: 'EVENT_TYPE_SESSION_END', reason: 'REASON_NATURAL_END'}, 7);
    assert.equal(h.status, 'ended');
  });

  it('after LIVE_AGENT_LEFT, the PolyAI agent speaking again means live', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_LIVE_AGENT_JOINED'}, 5);
    h.server({type: 'EVENT_TYPE_LIVE_AGENT_LEFT'}, 6);
    h.server(polyMessage, 7);
    assert.equal(h.status, 'live');
  });

  it('a PolyAI message during an active handoff (before the human) does not end it', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'}, 5);
    h.server(polyMessage, 6);
    assert.equal(h.status, 'handoff');
  });

  it('the PolyAI agent joining again after a client-managed handoff means live', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'}, 5);
    h.server({type: 'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED', route: 'https://help.example.com'}, 6);
    h.server({type: 'EVENT_TYPE_POLY_AGENT_LEFT'}, 7);
    assert.equal(h.status, 'handoff');
    h.server({type: 'EVENT_TYPE_POLY_AGENT_JOINED', agentName: 'Poly'}, 9);
    assert.equal(h.status, 'live');
  });

  it('LIVE_AGENT_LEFT outside a handoff: status and banner both say the human left (the transcript decides)', () => {
    const h = new Harness();
    h.connect();
    h.server({type: 'EVENT_TYPE_LIVE_AGENT_LEFT'}, 5);
    assert.equal(h.transcript.handoff.phase, 'agent-left');
    assert.equal(h.status, 'handoff');
    h.server(polyMessage, 6);
    assert.equal(h.status, 'live', 'until the PolyAI agent speaks');
  });

  it('a replay rebuilds the handoff of a resumed conversation', () => {
    const h = new Harness();
    h.start();
    h.resolveCredentials('resumed');
    h.open();
    h.server({type: 'EVENT_TYPE_POLY_AGENT_JOINED'}, 2, true);
    h.server({type: 'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF'}, 3, true);
    h.server({type: 'EVENT_TYPE_LIVE_AGENT_JOINED'}, 4, true);
    assert.equal(h.status, 'connecting', 'connecting until the history is processed');
    h.history(true);
    assert.equal(h.status, 'handoff');
  });
});

describe('system errors', () => {
  it('classifies the catalogue strings (§8.3)', () => {
    assert.equal(classifySystemError('Error: Session not found'), 'session-lost');
    assert.equal(classifySystemError('Error: Conversation not found'), 'conversation-lost');
    assert.equal(classifySystemError('Error: Conversation ID not found in session'), 'conversation-lost');
    assert.equal(
      classifySystemError("Sorry, I'm unable to start a conversation right now. Please try again later."),
      'join-failed',
    );
    assert.equal(classifySystemError('Error: Unable to retrieve session'), null);
    assert.equal(classifySystemError('Our system is experiencing high load. Please try again in a moment.'), null);
    assert.equal(classifySystemError('Event type not allowed: EVENT_TYPE_POLY_AGENT_MESSAGE'), null);
  });

  it('Error: Session not found → close and start a new conversation', () => {
    const h = new Harness();
    h.connect();
    const effects = h.server(systemError('Error: Session not found'));
    assert.deepEqual(
      effects.filter((effect) => effect.type !== 'timer.cancel' && effect.type !== 'timer.start'),
      [
        {type: 'socket.close', epoch: h.epoch - 1, code: 1000, reason: 'session lost'},
        {type: 'transcript.newSession', reason: 'expired'},
        {type: 'credentials.fetch', epoch: h.epoch, newSession: true, streaming: false},
      ],
    );
    assert.equal(h.status, 'reconnecting');
  });

  it('replayed or non-error system messages are history, not instructions', () => {
    const h = new Harness();
    h.connect();
    assert.deepEqual(h.server(systemError('Error: Session not found'), 3, true), []);
    const warning: ServerEventBody = {
      type: 'EVENT_TYPE_SYSTEM_MESSAGE',
      level: 'warning',
      message: 'Error: Session not found',
    };
    assert.deepEqual(h.server(warning), []);
    assert.equal(h.status, 'live');
  });

  it('conversation not found → re-join, at most twice per session, then a new conversation', () => {
    const h = new Harness();
    h.connect();
    assert.deepEqual(h.server(systemError('Error: Conversation not found')), [{type: 'send.join', epoch: h.epoch}]);
    assert.deepEqual(h.server(systemError('Error: Conversation ID not found in session')), [
      {type: 'send.join', epoch: h.epoch},
    ]);
    const third = h.server(systemError('Error: Conversation not found'));
    assert.deepEqual(third.find((effect) => effect.type === 'transcript.newSession'), {
      type: 'transcript.newSession',
      reason: 'conversation-lost',
    });
    assert.equal(h.find('credentials.fetch')[0]?.newSession, true);
    h.resolveCredentials('next');
    h.open();
    h.history(false);
    assert.equal(h.find('send.join').length, 1, 'the new session joins normally');
    assert.deepEqual(h.server(systemError('Error: Conversation not found')), [{type: 'send.join', epoch: h.epoch}]);
  });

  it('unable to start → re-join twice, then report agent-unavailable and stay usable', () => {
    const h = new Harness();
    h.connect();
    const message = "Sorry, I'm unable to start a conversation right now. Please try again later.";
    assert.equal(h.server(systemError(message))[0]?.type, 'send.join');
    assert.equal(h.server(systemError(message))[0]?.type, 'send.join');
    assert.deepEqual(h.server(systemError(message)), [
      {
        type: 'emit.error',
        code: 'agent-unavailable',
        message: 'The assistant could not start the conversation. Try again later or start a new conversation.',
      },
    ]);
    assert.equal(h.status, 'live');
  });

  it('errors while ending are ignored', () => {
    const h = new Harness();
    h.connect();
    h.dispatch({type: 'user.ended'});
    assert.deepEqual(h.server(systemError('Error: Session not found')), []);
  });
});

describe('server.events: the machine reads the transcript\'s facts', () => {
  it('takes handoff, capabilities and joined from the facts, whatever the events say', () => {
    const h = new Harness();
    h.connect();
    // Events claiming a handoff, facts (the owner) saying none: the facts win.
    h.dispatch({
      type: 'server.events',
      epoch: h.epoch,
      replayed: false,
      events: [serverEvent({type: 'EVENT_TYPE_LIVE_AGENT_JOINED'}, 9)],
      facts: {...NO_FACTS, capabilities: caps({heartbeatIntervalSeconds: 12}), joined: true},
    });
    assert.equal(h.status, 'live');
    assert.equal(h.state.status === 'live' && h.state.capabilities?.heartbeatIntervalSeconds, 12);
  });

  it('ends on the facts\' end reason, before any system error of the same frame', () => {
    const h = new Harness();
    h.connect();
    const effects = h.dispatch({
      type: 'server.events',
      epoch: h.epoch,
      replayed: false,
      events: [serverEvent(systemError('Error: Session not found'), 9)],
      facts: {...h.facts(), endReason: 'REASON_NATURAL_END'},
    });
    assert.equal(h.status, 'ended');
    assert.equal(effects.some((effect) => effect.type === 'credentials.fetch'), false);
  });

  it('ignores a stale epoch', () => {
    const h = new Harness();
    h.connect();
    const before = h.state;
    const effects = h.dispatch({type: 'server.events', epoch: h.epoch - 1, replayed: false, events: [], facts: {...NO_FACTS, endReason: 'REASON_NATURAL_END'}});
    assert.equal(h.state, before);
    assert.deepEqual(effects, []);
  });
});
