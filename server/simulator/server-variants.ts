// Server variants as presets: for each question of protocol.md §12 (and the [S] notes of §3–§7)
// that the simulator answers one way by default, the control commands that make it answer the other
// way. Tests and the chaos suite draw "a variant per seed" from this list; the demo lists it.
// Plain data (no Node APIs): the demo page imports it too.
import {HUGE_TEXT} from './agent-content.js';
import type {SimulatorCommand} from './types.js';

/** Commands of a preset: sent as they are, with the target's `sessionId` added. */
export type VariantCommand = Extract<SimulatorCommand, {command: 'variants' | 'faults' | 'close' | 'say'}>;

export interface ServerVariant {
  /** The §12 questions (Qn) and sections it models. */
  readonly questions: readonly string[];
  /** One line for people: what the server does differently. */
  readonly description: string;
  /** Settings (`variants`, `faults`) stay until `reset`; `close` and `say` act once, now. */
  readonly commands: readonly VariantCommand[];
}

export const SERVER_VARIANTS = {
  noEmptyBatch: {
    questions: ['Q5'],
    description: 'A reconnect whose cursor is already current gets no EVENT_BATCH at all (default: one empty batch).',
    commands: [{command: 'variants', noEmptyBatch: true}],
  },
  sessionStartOnResume: {
    questions: ['Q5', '§3.4'],
    description: 'Every resumed replay (cursor > 0) starts with SESSION_START, as "the first batch always contains SESSION_START" reads literally.',
    commands: [{command: 'variants', sessionStartOnResume: true}],
  },
  splitBatches: {
    questions: ['Q6'],
    description: 'History is replayed in several batches of 2 events.',
    commands: [{command: 'faults', splitBatches: 2}],
  },
  interleavedBatches: {
    questions: ['Q6'],
    description: 'History in batches of 2; later batches 100 ms after the first, so live events arrive between them.',
    commands: [{command: 'faults', splitBatches: 2, interleaveLive: true}],
  },
  sequenceGaps: {
    questions: ['Q10'],
    description: 'Stored sequences keep increasing but jump by 1–3 (from the events stored from now on).',
    commands: [{command: 'variants', sequenceGaps: true}],
  },
  nullSequenceInBatch: {
    questions: ['Q10'],
    description: 'In history batches, status events (joins, leaves, handoff status, language, system messages) carry sequence null.',
    commands: [{command: 'variants', nullSequenceInBatch: true}],
  },
  anonymousEvents: {
    questions: ['Q10', '§4.2'],
    description: 'About 30 % of sequenced events (never SESSION_START) arrive with id "".',
    commands: [{command: 'variants', anonymousEvents: true}],
  },
  missingTimestamp: {
    questions: ['§3.4', '§4.2'],
    description: 'About 30 % of events (never SESSION_START) arrive without timestamp.',
    commands: [{command: 'variants', missingTimestamp: true}],
  },
  chunkIndexBase0: {
    questions: ['Q17', '§11.3'],
    description: 'Streamed replies number their chunks from 0 (the SDK fixtures) instead of 1.',
    commands: [{command: 'variants', chunkIndexBase: 0}],
  },
  chunkIndexGap: {
    questions: ['Q17'],
    description: 'Streamed replies skip one chunk_index after the first chunk.',
    commands: [{command: 'variants', chunkIndexGap: true}],
  },
  repeatChunkNewId: {
    questions: ['Q17', '§11.3'],
    description: 'The first chunk of a streamed reply comes again (and is stored again) under a new event id.',
    commands: [{command: 'variants', repeatChunkNewId: true}],
  },
  heartbeatNone: {
    questions: ['Q10', '§5.5'],
    description: 'Heartbeats are never echoed.',
    commands: [{command: 'variants', heartbeatEcho: 'none'}],
  },
  heartbeatBare: {
    questions: ['Q10', '§5.5'],
    description: 'Heartbeat echoes lack id, sequence and timestamp.',
    commands: [{command: 'variants', heartbeatEcho: 'bare'}],
  },
  echoWithoutMetadata: {
    questions: ['Q11', '§4.3'],
    description: 'Echoes of client events (message, join, end) carry no metadata / client_event_id.',
    commands: [{command: 'variants', echoWithoutMetadata: true}],
  },
  closeWithoutEnd: {
    questions: ['Q2', 'Q16', 'Q20'],
    description: 'Where the server would end the session (endSession, user end, goodbye, live agent left) it closes 1000 without SESSION_END.',
    commands: [{command: 'variants', closeWithoutEnd: true}],
  },
  close1000: {
    questions: ['Q2'],
    description: 'Closes the socket now with 1000, without SESSION_END (the session lives on).',
    commands: [{command: 'close', code: 1000, reason: 'normal closure'}],
  },
  close4001: {
    questions: ['Q2', '§8.4'],
    description: 'Closes the socket now with 4001 ("server rejected session").',
    commands: [{command: 'close', code: 4001, reason: 'session rejected'}],
  },
  close4003: {
    questions: ['Q2', '§8.4'],
    description: 'Closes the socket now with 4003 (transient; SDKs poll every 10 s).',
    commands: [{command: 'close', code: 4003, reason: 'try again'}],
  },
  endReasonLowercase: {
    questions: ['Q20', '§11.3'],
    description: 'SESSION_END reasons as lowercase strings: agent_ended, user_ended, normal, abandoned.',
    commands: [{command: 'variants', endReasonStyle: 'lowercase'}],
  },
  endReasonNone: {
    questions: ['Q20'],
    description: 'SESSION_END without a reason field.',
    commands: [{command: 'variants', endReasonStyle: 'none'}],
  },
  hugeMessage: {
    questions: ['Q7'],
    description: 'The agent says one 512 KB word now (4× max_message_size_bytes, which limits only client frames). Typing "huge" does the same.',
    commands: [{command: 'say', role: 'agent', text: HUGE_TEXT}],
  },
  oneof: {
    questions: ['§3.4'],
    description: 'Nested batch events carry their data under the oneof key (e.g. "poly_agent_message") instead of "payload".',
    commands: [{command: 'variants', oneof: true}],
  },
  flatLiveAgent: {
    questions: ['§6.2'],
    description: 'LIVE_AGENT_JOINED uses flat agent_id / agent_name / avatar_url.',
    commands: [{command: 'variants', flatLiveAgent: true}],
  },
  legacyQueuePosition: {
    questions: ['§6.3'],
    description: 'HANDOFF_QUEUE_STATUS uses the legacy "position".',
    commands: [{command: 'variants', legacyQueuePosition: true}],
  },
} as const satisfies Record<string, ServerVariant>;

export type ServerVariantName = keyof typeof SERVER_VARIANTS;

export const SERVER_VARIANT_NAMES = Object.keys(SERVER_VARIANTS) as ServerVariantName[];

/** The preset's commands aimed at one session (or, without `sessionId`, every session and later ones). */
export function serverVariantCommands(name: ServerVariantName, sessionId?: string): SimulatorCommand[] {
  const preset: ServerVariant = SERVER_VARIANTS[name];
  return preset.commands.map((command) => (sessionId === undefined ? {...command} : {...command, sessionId}));
}

/** "A variant per seed": the same seed always picks the same preset. */
export function serverVariantForSeed(seed: number): ServerVariantName {
  const count = SERVER_VARIANT_NAMES.length;
  return SERVER_VARIANT_NAMES[((Math.trunc(seed) % count) + count) % count] as ServerVariantName;
}
