// Every path of the scripted agent (§6–§9): help, rich replies, streaming, both handoffs and their
// failures, language changes, each §8.3 system error, and the natural end.
import assert from 'node:assert/strict';
import {after, afterEach, before, describe, test} from 'node:test';
import {
  CLIENT_HANDOFF_ROUTE,
  GOODBYE_TEXT,
  LIVE_GREETING,
  LONG_TEXT,
  MARKDOWN_TEXT,
} from '../../server/simulator/agent-content.js';
import {KEYWORDS} from '../../server/simulator/index.js';
import {SimClient, newSession, reassemble, socketUrl, startTestSim} from '../helpers/node/sim-client.js';
import type {Frame, TestSim} from '../helpers/node/sim-client.js';

let sim: TestSim;
const clients: SimClient[] = [];

before(async () => {
  sim = await startTestSim();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
after(() => sim.close());

async function joined(streaming = false): Promise<{client: SimClient; sessionId: string}> {
  const creds = await newSession(sim, streaming);
  const client = await SimClient.connect(socketUrl(sim, creds));
  clients.push(client);
  await client.joinAndWaitForGreeting();
  return {client, sessionId: creds.sessionId};
}

/** Sends `text` and waits until the events since then satisfy `done`; returns those events. */
async function turn(client: SimClient, text: string, done: (events: Frame[]) => boolean): Promise<Frame[]> {
  const mark = client.events.length;
  client.say(text);
  await client.waitFor((c) => done(c.events.slice(mark)), `the answer to "${text}"`);
  return client.events.slice(mark);
}

const has = (type: string, count = 1) => (events: Frame[]): boolean => events.filter((e) => e.type === type).length >= count;
const types = (events: readonly Frame[]): string[] => events.map((e) => String(e.type));
const reply = (events: Frame[]): Record<string, unknown> =>
  events.find((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE')?.payload ?? {};
const completeChunk = (events: Frame[]): boolean =>
  events.some((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK' && e.payload?.is_complete === true);

describe('simulator keywords: replies', () => {
  test('help lists every keyword as a Markdown list', async () => {
    const {client} = await joined();
    const text = String(reply(await turn(client, 'HELP please', has('EVENT_TYPE_POLY_AGENT_MESSAGE'))).text);
    for (const {keyword} of KEYWORDS) assert.ok(text.includes(`- \`${keyword}\``), keyword);
  });

  test('markdown: bold, italic, code, list, link, bare URL, line breaks', async () => {
    const {client} = await joined();
    const text = String(reply(await turn(client, 'show me markdown', has('EVENT_TYPE_POLY_AGENT_MESSAGE'))).text);
    assert.equal(text, MARKDOWN_TEXT);
    for (const piece of ['**bold**', '*italic*', '`inline code`', '\n- ', '](https://', ' https://example.com/bare', '\n']) {
      assert.ok(text.includes(piece), piece);
    }
  });

  test('xss: HTML and javascript: links arrive as plain text', async () => {
    const {client} = await joined();
    const text = String(reply(await turn(client, 'xss', has('EVENT_TYPE_POLY_AGENT_MESSAGE'))).text);
    assert.ok(text.includes('<script>') && text.includes('javascript:'));
  });

  test('link: a URL card with a call to action', async () => {
    const {client} = await joined();
    const [card] = reply(await turn(client, 'a link please', has('EVENT_TYPE_POLY_AGENT_MESSAGE'))).attachments as Frame[];
    assert.equal(card?.content_type, 'ATTACHMENT_CONTENT_TYPE_URL');
    assert.match(String(card?.content_url), /^https:\/\//);
    assert.equal(typeof card?.call_to_action_text, 'string');
    assert.equal(typeof card?.title, 'string');
  });

  test('image: an image attachment', async () => {
    const {client} = await joined();
    const [image] = reply(await turn(client, 'Image?', has('EVENT_TYPE_POLY_AGENT_MESSAGE'))).attachments as Frame[];
    assert.equal(image?.content_type, 'ATTACHMENT_CONTENT_TYPE_IMAGE');
    assert.match(String(image?.content_url), /^https:\/\//);
  });

  test('suggest: three response suggestions', async () => {
    const {client} = await joined();
    const suggestions = reply(await turn(client, 'suggest something', has('EVENT_TYPE_POLY_AGENT_MESSAGE'))).response_suggestions as Frame[];
    assert.equal(suggestions.length, 3);
    assert.ok(suggestions.every((s) => typeof s.message_text === 'string'));
  });

  test('call: chat_call_actions with title and contact_number', async () => {
    const {client} = await joined();
    const actions = reply(await turn(client, 'can I call you', has('EVENT_TYPE_POLY_AGENT_MESSAGE'))).chat_call_actions as Frame[];
    assert.ok(actions.length >= 1);
    assert.ok(actions.every((a) => typeof a.title === 'string' && /^\+[\d ]+$/.test(String(a.contact_number))));
  });

  test('long, streamed: many chunks that reassemble to the multi-paragraph text', async () => {
    const {client} = await joined(true);
    const events = await turn(client, 'the long version', completeChunk);
    const chunks = events.filter((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK');
    assert.ok(chunks.length >= 20, `${chunks.length} chunks`);
    assert.equal(reassemble(chunks).text, LONG_TEXT);
    assert.ok(LONG_TEXT.split('\n\n').length >= 3);
  });

  test('default: a friendly echo of the text', async () => {
    const {client} = await joined();
    const text = String(reply(await turn(client, 'what is the weather', has('EVENT_TYPE_POLY_AGENT_MESSAGE'))).text);
    assert.ok(text.includes('what is the weather'));
  });

  test('language keywords: LANGUAGE_CHANGED with the code, then a reply', async () => {
    const {client} = await joined();
    const cases: Array<[string, string]> = [
      ['en français', 'fr-FR'],
      ['in French', 'fr-FR'],
      ['auf Deutsch', 'de-DE'],
      ['en español', 'es-ES'],
      ['arabic please', 'ar'],
      ['back to english', 'en-US'],
    ];
    for (const [text, code] of cases) {
      const events = await turn(client, text, has('EVENT_TYPE_POLY_AGENT_MESSAGE'));
      assert.deepEqual(types(events).slice(1), ['EVENT_TYPE_POLY_AGENT_THINKING', 'EVENT_TYPE_LANGUAGE_CHANGED', 'EVENT_TYPE_POLY_AGENT_MESSAGE']);
      assert.deepEqual(events[2]?.payload, {language_code: code});
      assert.equal(typeof events[2]?.sequence, 'number');
    }
  });

  test('goodbye: a farewell with end_conversation, SESSION_END REASON_NATURAL_END, close 1000', async () => {
    const {client} = await joined();
    const events = await turn(client, 'goodbye!', has('EVENT_TYPE_SESSION_END'));
    assert.deepEqual(types(events), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_POLY_AGENT_THINKING', 'EVENT_TYPE_POLY_AGENT_MESSAGE', 'EVENT_TYPE_SESSION_END']);
    assert.equal(reply(events).text, GOODBYE_TEXT);
    assert.equal(reply(events).end_conversation, true);
    assert.deepEqual(events[3]?.payload, {reason: 'REASON_NATURAL_END'});
    assert.equal((await client.waitClosed()).code, 1000);
  });

  test('goodbye, streamed: end_conversation rides on the final chunk', async () => {
    const {client} = await joined(true);
    const events = await turn(client, 'goodbye', has('EVENT_TYPE_SESSION_END'));
    const final = events.find((e) => e.payload?.is_complete === true);
    assert.equal(final?.payload?.end_conversation, true);
  });
});

describe('simulator keywords: handoffs', () => {
  test('agent: server-managed handoff to Priya; live replies are never chunked; bye ends the session', async () => {
    const {client, sessionId} = await joined(true);
    const handoff = await turn(client, 'I want an agent', has('EVENT_TYPE_LIVE_AGENT_MESSAGE'));
    const flow = types(handoff).filter((t) => t !== 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK');
    assert.deepEqual(flow, [
      'EVENT_TYPE_USER_MESSAGE',
      'EVENT_TYPE_POLY_AGENT_THINKING',
      'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF',
      'EVENT_TYPE_POLY_AGENT_LEFT',
      'EVENT_TYPE_HANDOFF_ACCEPTED',
      'EVENT_TYPE_HANDOFF_QUEUE_STATUS',
      'EVENT_TYPE_HANDOFF_QUEUE_STATUS',
      'EVENT_TYPE_HANDOFF_QUEUE_STATUS',
      'EVENT_TYPE_LIVE_AGENT_JOINED',
      'EVENT_TYPE_LIVE_AGENT_TYPING',
      'EVENT_TYPE_LIVE_AGENT_MESSAGE',
    ]);
    assert.equal(typeof handoff.find((e) => e.type === 'EVENT_TYPE_HANDOFF_ACCEPTED')?.payload?.queue_name, 'string');
    const queue = handoff.filter((e) => e.type === 'EVENT_TYPE_HANDOFF_QUEUE_STATUS').map((e) => e.payload ?? {});
    const positions = queue.map((q) => Number(q.position_in_queue));
    const waits = queue.map((q) => Number(q.estimated_wait_seconds));
    assert.deepEqual(positions, [...positions].sort((a, b) => b - a));
    assert.ok(positions[0]! > positions.at(-1)! && waits[0]! > waits.at(-1)!);
    const joinedEvent = handoff.find((e) => e.type === 'EVENT_TYPE_LIVE_AGENT_JOINED');
    assert.deepEqual(Object.keys((joinedEvent?.payload?.agent ?? {}) as object).sort(), ['avatar_url', 'id', 'name']);
    assert.equal((joinedEvent?.payload?.agent as Frame).name, 'Priya');
    const typing = handoff.find((e) => e.type === 'EVENT_TYPE_LIVE_AGENT_TYPING');
    assert.equal(typing?.sequence, null);
    assert.equal(typing?.payload?.state, 'TYPING_STATE_STARTED');
    assert.equal(handoff.at(-1)?.payload?.text, LIVE_GREETING);

    const live = await turn(client, 'my order is late', has('EVENT_TYPE_LIVE_AGENT_MESSAGE'));
    assert.deepEqual(types(live), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_LIVE_AGENT_TYPING', 'EVENT_TYPE_LIVE_AGENT_MESSAGE']);
    assert.equal(live[2]?.payload?.text, `Thanks, I've got your message: "my order is late". Anything else? (Say "bye" to finish.)`);
    assert.equal(live[2]?.payload?.agent_id, (joinedEvent?.payload?.agent as Frame).id);

    const end = await turn(client, 'ok bye', has('EVENT_TYPE_SESSION_END'));
    assert.deepEqual(types(end), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_LIVE_AGENT_LEFT', 'EVENT_TYPE_SESSION_END']);
    assert.deepEqual(end[2]?.payload, {reason: 'REASON_NATURAL_END'});
    assert.equal((await client.waitClosed()).code, 1000);
    const stored = sim.simulator.history(sessionId) as Frame[];
    assert.ok(stored.every((e) => e.type !== 'EVENT_TYPE_LIVE_AGENT_TYPING' && e.type !== 'EVENT_TYPE_POLY_AGENT_THINKING'));
  });

  test('human: the same server-managed handoff', async () => {
    const {client} = await joined();
    const events = await turn(client, 'talk to a Human', has('EVENT_TYPE_LIVE_AGENT_JOINED'));
    assert.ok(types(events).includes('EVENT_TYPE_HANDOFF_ACCEPTED'));
  });

  test('error forward during a live chat: the forward error instead of a reply', async () => {
    const {client} = await joined();
    await turn(client, 'agent', has('EVENT_TYPE_LIVE_AGENT_MESSAGE'));
    const events = await turn(client, 'error forward', has('EVENT_TYPE_SYSTEM_MESSAGE'));
    assert.equal(events.at(-1)?.payload?.message, 'Failed to forward message to live agent');
  });

  test('transfer: client-managed handoff; the agent leaves until the next join', async () => {
    const {client} = await joined();
    const events = await turn(client, 'transfer me', has('EVENT_TYPE_POLY_AGENT_LEFT'));
    assert.deepEqual(types(events).slice(3), [
      'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF',
      'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED',
      'EVENT_TYPE_POLY_AGENT_LEFT',
    ]);
    const required = events.find((e) => e.type === 'EVENT_TYPE_CLIENT_HANDOFF_REQUIRED')?.payload ?? {};
    assert.equal(required.reason, 'COMPLEX_QUERY');
    assert.equal(typeof required.queue_name, 'string');
    assert.equal(required.route, CLIENT_HANDOFF_ROUTE);
    assert.match(String(required.route), /^https:\/\//);
    const orphan = await turn(client, 'hello?', has('EVENT_TYPE_SYSTEM_MESSAGE'));
    assert.equal(orphan.at(-1)?.payload?.message, 'Error: Conversation not found');
    client.join();
    await client.waitForType('EVENT_TYPE_POLY_AGENT_JOINED', 2);
  });

  test('handoff fail: accepted, failed, the handoff error; Poly stays and answers', async () => {
    const {client} = await joined();
    const events = await turn(client, 'handoff fail', has('EVENT_TYPE_SYSTEM_MESSAGE'));
    assert.deepEqual(types(events).slice(3), [
      'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF',
      'EVENT_TYPE_HANDOFF_ACCEPTED',
      'EVENT_TYPE_HANDOFF_FAILED',
      'EVENT_TYPE_SYSTEM_MESSAGE',
    ]);
    assert.equal(events.at(-1)?.payload?.message, 'Sorry, we could not connect you to an agent. Please try again.');
    assert.ok(!types(events).includes('EVENT_TYPE_POLY_AGENT_LEFT'));
    const next = await turn(client, 'still there?', has('EVENT_TYPE_POLY_AGENT_MESSAGE'));
    assert.ok(String(reply(next).text).includes('still there?'));
  });

  test('handoff timeout: accepted, queued, timed out; Poly stays and answers', async () => {
    const {client} = await joined();
    const events = await turn(client, 'handoff timeout', has('EVENT_TYPE_HANDOFF_TIMEOUT'));
    assert.deepEqual(types(events).slice(3), [
      'EVENT_TYPE_POLY_AGENT_TRIGGERED_HANDOFF',
      'EVENT_TYPE_HANDOFF_ACCEPTED',
      'EVENT_TYPE_HANDOFF_QUEUE_STATUS',
      'EVENT_TYPE_HANDOFF_QUEUE_STATUS',
      'EVENT_TYPE_HANDOFF_TIMEOUT',
    ]);
    const next = await turn(client, 'ok then', has('EVENT_TYPE_POLY_AGENT_MESSAGE'));
    assert.ok(String(reply(next).text).includes('ok then'));
  });
});

describe('simulator keywords: system errors', () => {
  const cases: Array<[string, string, boolean]> = [
    ['error load', 'Our system is experiencing high load. Please try again in a moment.', false],
    ['error start', "Sorry, I'm unable to start a conversation right now. Please try again later.", true],
    ['error reply', "Sorry, I'm having trouble responding right now. Please try again.", false],
    ['error stream', 'Sorry, I encountered an error. Please try again.', false],
    ['error session', 'Error: Session not found', false],
    ['error retrieve', 'Error: Unable to retrieve session', false],
    ['error connector', 'Error: Connector not found', false],
    ['error conversation', 'Error: Conversation not found', true],
    ['error conversation id', 'Error: Conversation ID not found in session', true],
    ['error forward', 'Failed to forward message to live agent', false],
    ['error handoff', 'Sorry, we could not connect you to an agent. Please try again.', false],
    ['error initiate', 'Sorry, handoff could not be initiated.', false],
  ];

  test('each error keyword: THINKING then the exact error; conversation-losing ones need a new join', async () => {
    const {client} = await joined();
    for (const [keyword, message, losesConversation] of cases) {
      const events = await turn(client, keyword, has('EVENT_TYPE_SYSTEM_MESSAGE'));
      assert.deepEqual(types(events), ['EVENT_TYPE_USER_MESSAGE', 'EVENT_TYPE_POLY_AGENT_THINKING', 'EVENT_TYPE_SYSTEM_MESSAGE'], keyword);
      assert.deepEqual(events[2]?.payload, {level: 'SYSTEM_MESSAGE_LEVEL_ERROR', message}, keyword);
      if (losesConversation) {
        const orphan = await turn(client, 'hello', has('EVENT_TYPE_SYSTEM_MESSAGE'));
        assert.equal(orphan.at(-1)?.payload?.message, 'Error: Conversation not found', keyword);
        const greetings = client.ofType('EVENT_TYPE_POLY_AGENT_JOINED').length;
        client.join();
        await client.waitForType('EVENT_TYPE_POLY_AGENT_JOINED', greetings + 1);
        await client.waitForType('EVENT_TYPE_POLY_AGENT_MESSAGE', client.ofType('EVENT_TYPE_POLY_AGENT_MESSAGE').length + 1);
      }
    }
  });

  test('error stream, streamed: some chunks, never is_complete, then the error', async () => {
    const {client} = await joined(true);
    const events = await turn(client, 'error stream', has('EVENT_TYPE_SYSTEM_MESSAGE'));
    const chunks = events.filter((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK');
    assert.ok(chunks.length >= 2);
    assert.ok(chunks.every((c) => c.payload?.is_complete === false && c.payload?.message_id === chunks[0]?.payload?.message_id));
    assert.equal(events.at(-1)?.payload?.message, 'Sorry, I encountered an error. Please try again.');
    const next = await turn(client, 'again', completeChunk);
    assert.ok(reassemble(next.filter((e) => e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK')).text.includes('again'));
  });
});
