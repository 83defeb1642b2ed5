// The wire data of the bench (PolyAI Messaging JSON, protocol §3.4, §6, §7), identical for both
// widgets: a history of N user/agent messages for one EVENT_TYPE_EVENT_BATCH, and a streamed reply
// of N chunks. Deterministic (history ids come from a seeded PRNG, bench/ids.mjs): every run and
// every widget sees the same bytes.
import {idMaker} from './ids.mjs';

const WORDS = [
  'booking',
  'table',
  'tonight',
  'please',
  'menu',
  'vegan',
  'options',
  'parking',
  'garden',
  'opening',
  'hours',
  'weekend',
  'deposit',
  'children',
  'allergy',
  'window',
  'birthday',
  'cake',
  'quiet',
  'corner',
];

function sentence(seed, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13) % WORDS.length]);
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/**
 * The history's text workloads: `rich` (1–3 sentences, every 5th agent reply with a little
 * Markdown and a link) and `plain` (one short line of plain words).
 */
export const TEXT_WORKLOADS = ['rich', 'plain'];

/** Text of history message `i` in the given workload; each ends in `#i`, so the newest one is recognisable. */
export function historyText(i, role, text = 'rich') {
  if (text === 'plain') return `${sentence(i, 3 + (i % 3))} #${i}`;
  const parts = [sentence(i, 6 + (i % 9))];
  if (i % 3 === 0) parts.push(sentence(i + 1, 5 + (i % 7)));
  if (role === 'agent' && i % 5 === 0) parts.push(`See **our ${WORDS[i % WORDS.length]} page**: https://example.com/p/${i}`);
  return `${parts.join(' ')} #${i}`;
}

const T0 = Date.UTC(2026, 4, 20, 9, 0, 0);
const ts = (seq) => new Date(T0 + seq * 1000).toISOString();

/**
 * The EVENT_BATCH a (re)connecting client receives: session start, join, then `messages` messages,
 * with event and message ids of the given shape (bench/ids.mjs) and texts of the given workload.
 */
export function historyBatch(sessionId, messages, {streaming = false, ids = 'random', text = 'rich'} = {}) {
  const events = [];
  const id = idMaker(ids, sessionId);
  let seq = 0;
  const ev = (type, payload, extra = {}) => {
    seq++;
    events.push({id: id.event(seq), sequence: seq, timestamp: ts(seq), type, payload, ...extra});
  };
  ev('EVENT_TYPE_SESSION_START', {
    capabilities: {streaming, max_message_size_bytes: 131072, max_reconnect_attempts: 5, heartbeat_interval_seconds: 30},
  });
  ev('EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', {});
  ev('EVENT_TYPE_POLY_AGENT_JOINED', {agent_name: 'Ava', agent_avatar_url: ''});
  for (let i = 0; i < messages; i++) {
    if (i % 2 === 0) ev('EVENT_TYPE_USER_MESSAGE', {text: historyText(i, 'user', text), message_id: id.message(i)});
    else
      ev('EVENT_TYPE_POLY_AGENT_MESSAGE', {
        message_id: id.message(i),
        text: historyText(i, 'agent', text),
        attachments: [],
        response_suggestions: [],
      });
  }
  return {
    frame: JSON.stringify({id: `${sessionId}-batch`, sequence: null, type: 'EVENT_TYPE_EVENT_BATCH', payload: {events}}),
    lastSequence: seq,
    events,
  };
}

/** The last history message's text: its presence in the DOM means everything was rendered. */
export function lastHistoryText(messages, text = 'rich') {
  const i = messages - 1;
  return historyText(i, i % 2 === 0 ? 'user' : 'agent', text);
}

/** Chunk `i` (1-based) of the streamed reply. */
export function chunkText(i) {
  return `w${i} `;
}

/** The reply's final text (what both widgets must end up showing). */
export function streamFinalToken(chunks) {
  return `w${chunks}`;
}

/** Frames of a streamed reply after sequence `after`: THINKING, then `chunks` chunks (the last is_complete). */
export function streamFrames(sessionId, chunks, after) {
  const frames = [];
  let seq = after;
  const messageId = `${sessionId}-reply-${after}`;
  frames.push(
    JSON.stringify({
      id: `${sessionId}-think-${after}`,
      sequence: null,
      timestamp: ts(seq),
      type: 'EVENT_TYPE_POLY_AGENT_THINKING',
      payload: {},
    })
  );
  for (let i = 1; i <= chunks; i++) {
    seq++;
    frames.push(
      JSON.stringify({
        id: `${sessionId}-c${seq}`,
        sequence: seq,
        timestamp: ts(seq),
        type: 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK',
        payload: {
          message_id: messageId,
          text: chunkText(i),
          chunk_index: i,
          is_complete: i === chunks,
          attachments: [],
          response_suggestions: [],
        },
      })
    );
  }
  return {frames, lastSequence: seq};
}
