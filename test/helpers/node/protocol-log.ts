// Generator of valid PolyAI event logs (raw wire JSON, in server order) for property tests and
// benchmarks: join, greeting, turns (whole or streamed, 0- or 1-based, empty final chunk,
// duplicate chunks, consolidated replays), transient typing/thinking/heartbeats, language changes,
// system messages, a handoff (queue, live agent) or its failure, and the session end.
import type {Rng} from './protocol-prng.js';
import {raw, wire} from './protocol-wire.js';
import type {RawEvent} from './protocol-wire.js';

export interface LocalSend {
  readonly clientEventId: string;
  readonly text: string;
  /** false: the echo carries no metadata and is matched by text. */
  readonly withMetadata: boolean;
  /** Index (in events) of the echo. */
  readonly echoIndex: number;
}

/**
 * A message the log must show, in display order, as the generator meant it (§6, §7): the oracle
 * for property tests, written while the log is made, never by running the reducer under test.
 */
export interface ExpectedMessage {
  readonly role: 'user' | 'agent' | 'live-agent' | 'system';
  readonly text: string;
  readonly suggestions: readonly string[];
  /** How many attachments (their mapping is tested elsewhere). */
  readonly attachments: number;
}

/** What the whole log amounts to, applied in any order (see ExpectedMessage). */
export interface ExpectedOutcome {
  readonly messages: readonly ExpectedMessage[];
  /** Highest sequence in the log (the reconnect cursor). */
  readonly lastSequence: number;
  /** Latest LANGUAGE_CHANGED, or null. */
  readonly language: string | null;
  /** The handoff as it stands after the last handoff event (§6.3). */
  readonly handoff: 'none' | 'agent-left' | 'failed' | 'timeout';
  /** SESSION_END's reason, REASON_* as sent; null while running. Other strings are left out. */
  readonly endReason: string | null | undefined;
}

export interface GeneratedLog {
  readonly events: RawEvent[];
  readonly locals: LocalSend[];
  readonly expected: ExpectedOutcome;
}

export interface LogOptions {
  readonly minTurns?: number;
  readonly maxTurns?: number;
  /** Prefix of every id, so several logs never share ids. */
  readonly tag: string;
  readonly handoff?: boolean;
  readonly end?: boolean;
}

export function generateLog(rng: Rng, options: LogOptions): GeneratedLog {
  const events: RawEvent[] = [];
  const locals: LocalSend[] = [];
  const messages: ExpectedMessage[] = [];
  let language: string | null = null;
  let handoff: ExpectedOutcome['handoff'] = 'none';
  let endReason: string | null | undefined = null;
  /** §7: a reply with no text, attachments or suggestions is not shown. */
  const expectReply = (text: string, suggestions: readonly {message_text: string}[], attachments: readonly unknown[]): void => {
    if (text === '' && suggestions.length === 0 && attachments.length === 0) return;
    messages.push({role: 'agent', text, suggestions: suggestions.map((s) => s.message_text), attachments: attachments.length});
  };
  const tag = options.tag;
  let seq = 0;
  let ids = 0;
  const id = (): string => `${tag}-e${++ids}`;
  const ts = (): string => new Date(Date.UTC(2026, 4, 20, 9, 0, 0) + seq * 1000).toISOString();
  const o = (extra: Record<string, unknown> = {}) => ({id: id(), timestamp: ts(), ...extra});
  const push = (event: RawEvent): void => {
    events.push(event);
  };
  const transients = (): void => {
    if (rng.chance(0.3)) push(rng.chance(0.5) ? wire.heartbeat(o()) : {type: 'EVENT_TYPE_HEARTBEAT', payload: {}});
  };

  const reply = (messageIdBase: string): void => {
    const messageId = `${tag}-${messageIdBase}`;
    push(wire.thinking(o()));
    const streamed = rng.chance(0.6);
    const suggestions = rng.chance(0.4) ? [{message_text: `yes ${messageIdBase}`}, {message_text: 'no'}] : [];
    const attachments = rng.chance(0.2)
      ? [{title: 'Hours', content_url: 'https://example.com/h', content_type: rng.pick(['ATTACHMENT_CONTENT_TYPE_URL', 'ATTACHMENT_CONTENT_TYPE_IMAGE', 'ATTACHMENT_CONTENT_TYPE_VIDEO'])}]
      : [];
    const words = Array.from({length: rng.int(0, 6)}, (_, i) => `w${i} `);
    expectReply(words.join(''), suggestions, attachments);
    if (!streamed) {
      push(wire.agentMessage(++seq, messageId, words.join(''), {response_suggestions: suggestions, attachments}, o()));
      return;
    }
    const base = rng.chance(0.5) ? 0 : 1;
    const parts: string[] = [];
    for (let i = 0; i < words.length; i += 2) parts.push(words.slice(i, i + 2).join(''));
    // A final chunk that is empty but carries suggestions/attachments (§7 rule 2), or not.
    const emptyFinal = rng.chance(0.5) || parts.length === 0;
    if (emptyFinal) parts.push('');
    parts.forEach((text, i) => {
      const last = i === parts.length - 1;
      const extra = last ? {response_suggestions: suggestions, attachments} : {};
      const chunk = wire.chunk(++seq, messageId, base + i, text, last, extra, o());
      push(chunk);
      // The same (message_id, chunk_index) again under another event id: must not be appended twice.
      if (rng.chance(0.1)) push(wire.chunk(++seq, messageId, base + i, text, last, extra, o()));
      if (!last && rng.chance(0.2)) transients();
    });
    // A consolidated replay of the same reply (whole message, same message_id).
    if (rng.chance(0.1)) push(wire.agentMessage(++seq, messageId, parts.join(''), {response_suggestions: suggestions, attachments}, o()));
  };

  const userTurn = (n: number): void => {
    const mine = rng.chance(0.85);
    const withMetadata = !mine || rng.chance(0.75);
    const text = `${tag} message ${n}`;
    const clientEventId = `${tag}-c${n}`;
    if (mine) locals.push({clientEventId, text, withMetadata, echoIndex: events.length});
    messages.push({role: 'user', text, suggestions: [], attachments: 0});
    // Not mine = sent from another tab: its client_event_id matches nothing here.
    push(wire.userEcho(++seq, text, withMetadata ? (mine ? clientEventId : `${clientEventId}-other-tab`) : undefined, o()));
  };

  push(wire.sessionStart(++seq, {streaming: true, heartbeat_interval_seconds: rng.pick([0, 30, -1]), max_reconnect_attempts: rng.pick([0, 5])}, o()));
  push(wire.joinEcho(++seq, o()));
  push(wire.agentJoined(++seq, 'Poly', o()));
  reply('greeting');
  const turns = rng.int(options.minTurns ?? 1, options.maxTurns ?? 6);
  for (let turn = 1; turn <= turns; turn++) {
    transients();
    userTurn(turn);
    reply(`r${turn}`);
    if (rng.chance(0.15)) {
      language = rng.pick(['fr-FR', 'de-DE', 'en-GB']);
      push(wire.language(++seq, language, o()));
    }
    if (rng.chance(0.1)) {
      const notice = `Sorry, I'm having trouble responding right now. Please try again.`;
      push(wire.system(++seq, notice, 'SYSTEM_MESSAGE_LEVEL_ERROR', o()));
      messages.push({role: 'system', text: notice, suggestions: [], attachments: 0});
    }
  }
  if (options.handoff ?? rng.chance(0.4)) {
    push(wire.triggered(++seq, o()));
    push(wire.agentLeft(++seq, o()));
    push(wire.accepted(++seq, 'billing', o()));
    for (let position = rng.int(0, 3); position > 0; position--) {
      push(wire.queueStatus(++seq, rng.chance(0.5) ? {position_in_queue: position, estimated_wait_seconds: position * 30} : {position}, o()));
    }
    if (rng.chance(0.75)) {
      const flat = rng.chance(0.5);
      push(
        flat
          ? raw('EVENT_TYPE_LIVE_AGENT_JOINED', {agent_id: 'agent_17', agent_name: 'Priya', avatar_url: 'https://cdn.example.com/p.png'}, {...o(), sequence: ++seq})
          : wire.liveJoined(++seq, {id: 'agent_17', name: 'Priya', avatar_url: 'https://cdn.example.com/p.png'}, o()),
      );
      const liveTurns = rng.int(1, 3);
      for (let turn = 1; turn <= liveTurns; turn++) {
        userTurn(100 + turn);
        push(wire.liveTyping('TYPING_STATE_STARTED', 'agent_17', o()));
        if (rng.chance(0.3)) push(wire.liveTyping(rng.chance(0.5) ? 'TYPING_STATE_STOPPED' : undefined, 'agent_17', o()));
        push(wire.liveMessage(++seq, `${tag}-live${turn}`, `Hi, Priya here (${turn})`, 'agent_17', o()));
        messages.push({role: 'live-agent', text: `Hi, Priya here (${turn})`, suggestions: [], attachments: 0});
      }
      push(wire.liveLeft(++seq, rng.chance(0.5) ? {agent_id: 'agent_17'} : {}, o()));
      handoff = 'agent-left';
    } else {
      const failed = rng.chance(0.5);
      push(failed ? wire.handoffFailed(++seq, o()) : wire.handoffTimeout(++seq, o()));
      handoff = failed ? 'failed' : 'timeout';
    }
  }
  if (options.end ?? rng.chance(0.7)) {
    push(wire.endEcho(++seq, o()));
    const reason = rng.pick(['REASON_USER_END', 'user_ended', 'REASON_NATURAL_END', 'something_new']);
    push(wire.sessionEnd(++seq, reason, o()));
    endReason = reason.startsWith('REASON_') ? reason : undefined;
  }
  return {events, locals, expected: {messages, lastSequence: seq, language, handoff, endReason}};
}
