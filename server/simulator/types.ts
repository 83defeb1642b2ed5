// Public types of the simulator: options, the control command union and the wire event shape.
// Kept free of runtime code so tests and the demo can import them cheaply.

export interface SimulatorOptions {
  /** All randomness (ids, tokens, fault decisions) comes from PRNGs seeded with this: deterministic. Default 1. */
  seed?: number;
  /** Session inactivity limit; resets on any inbound frame (pings included) and on a handshake. Default 600_000. */
  idleTimeoutMs?: number;
  /** Registered connectors. Default [{token: 'sim-connector-token', host: 'localhost'}]. */
  connectors?: Array<{token: string; host: string}>;
  /** Lifetime of minted access tokens. Default 86400. */
  tokenTtlSeconds?: number;
  /** Pacing of the scripted agent between events. Default 30 (tests pass 0–2). */
  agentDelayMs?: number;
  /** Simultaneous sockets per session before the handshake answers 429. Default 10. */
  maxSocketsPerSession?: number;
  /** Advertised in capabilities and enforced on inbound frames. Default 131072. */
  maxMessageSizeBytes?: number;
  /** Advertised capability. Default 30. */
  heartbeatIntervalSeconds?: number;
  /** Advertised capability. Default 5. */
  maxReconnectAttempts?: number;
  /** Delay between SESSION_END and the server's 1000 close. Default 200. */
  closeGraceMs?: number;
  /** Clock used for timestamps, UUIDv7 time bits and token expiry. Default Date.now; tests pass a fake for byte-identical runs. */
  now?: () => number;
  /** Timer source of the session idle timeout. Default the global timers; tests pass a fake clock's to move time by hand. */
  timers?: SimulatorTimers;
}

/** setTimeout/clearTimeout as the simulator needs them (a fake clock's fit). */
export interface SimulatorTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type ResolvedOptions = Required<SimulatorOptions>;

/** A server event as stored and (by default) sent on the wire (§4.2). */
export interface WireEvent {
  id: string;
  sequence: number | null;
  timestamp: string;
  type: string;
  payload: Record<string, unknown>;
  metadata?: {custom: Record<string, unknown>};
}

/** Outgoing-traffic transforms (apply to replays and live events, never to the stored history). */
export interface FaultSettings {
  /** Every outgoing frame is held this long (order kept). */
  delayMs?: number;
  /** Probability that an event is sent twice (live) / a nested event appears twice (batch). */
  duplicateRate?: number;
  /** Probability that an event is swapped with the next one (live: next event of the same burst; batch: next element). */
  reorderRate?: number;
  /** One-shot: on the next connect with cursor > 0, also replay the n stored events at or before the cursor. */
  overlapReplay?: number;
  /** Replay history in batches of n events. */
  splitBatches?: number;
  /** The first batch goes at once, later batches 100 ms later, so live events sent meanwhile arrive between them. */
  interleaveLive?: boolean;
}

/** [S] wire variants the client should tolerate. */
export interface VariantSettings {
  /** Nested batch events carry their data under e.g. "poly_agent_message" instead of "payload". */
  oneof?: boolean;
  /** Live-agent events use flat agent_id / agent_name / avatar_url instead of the nested agent object. */
  flatLiveAgent?: boolean;
  /** Heartbeat echoes lack id / timestamp / sequence. */
  bareHeartbeat?: boolean;
  /** HANDOFF_QUEUE_STATUS uses the legacy "position" instead of "position_in_queue". */
  legacyQueuePosition?: boolean;

  // §12 answers other than ours (server-variants.ts lists them as presets). Default off = today's behaviour.

  /** Q5: a reconnect whose cursor is already current gets no EVENT_BATCH at all (default: one empty batch). */
  noEmptyBatch?: boolean;
  /** Q5: every replay with cursor > 0 starts with SESSION_START (default: it holds only sequence > cursor, so no SESSION_START). */
  sessionStartOnResume?: boolean;
  /** Q10: stored sequences still increase but jump by 1–3 (fault PRNG); applies to events stored from now on. */
  sequenceGaps?: boolean;
  /** Q17 / §11.3: chunk_index of replies planned from now on starts at 0 (default 1). */
  chunkIndexBase?: 0 | 1;
  /** Q17: chunk_index of replies planned from now on skips one number after the first chunk. */
  chunkIndexGap?: boolean;
  /** §11.3: the first chunk of a streamed reply is stored and sent again under a new event id (same message_id and chunk_index). */
  repeatChunkNewId?: boolean;
  /** §5.5: 'none' = heartbeats are never echoed; 'bare' = like bareHeartbeat. Default 'normal'. */
  heartbeatEcho?: 'normal' | 'none' | 'bare';
  /** §4.3 / Q11: echoes of client events carry no metadata (live and replay; the history keeps it). */
  echoWithoutMetadata?: boolean;
  /** Q2 / Q16 / Q20: where the server would end the session (endSession, user end, goodbye, LIVE_AGENT_LEFT) it closes 1000 without SESSION_END. Idle expiry is unchanged. */
  closeWithoutEnd?: boolean;
  /** Q20 / §11.3: SESSION_END reason as REASON_* ('enum', default), lowercase strings ('lowercase': agent_ended, user_ended, normal, abandoned) or absent ('none'). An explicit endSession reason wins. */
  endReasonStyle?: 'enum' | 'lowercase' | 'none';
  /** §4.2: about 30 % of sequenced events (never SESSION_START) go out with id "" (wire only). */
  anonymousEvents?: boolean;
  /** §3.4: about 30 % of events (never SESSION_START) go out without timestamp (wire only). */
  missingTimestamp?: boolean;
  /** Q10: in history batches, stored status events (joins, leaves, handoff status, language, system messages) carry sequence null (wire only; they keep their id). */
  nullSequenceInBatch?: boolean;
}

export type GarbageKind = 'malformed-json' | 'unknown-type' | 'wrong-types' | 'binary' | 'oversized' | 'missing-id';

export type RefusalStatus = 400 | 401 | 404 | 429;

/**
 * Control commands (Simulator.control, POST /__sim/control). A command with `sessionId` targets that
 * session; without it, every session (and, for settings, sessions created later / the next handshake).
 */
export type SimulatorCommand =
  /** Abort the TCP connection of the sockets (client sees 1006); with afterEvents, after n more frames (a batch is one frame). With no open socket, arms the next connection. */
  | {command: 'drop'; sessionId?: string; afterEvents?: number}
  /** Close the sockets with this code (any valid code; 1006 is mapped to `drop`). */
  | {command: 'close'; sessionId?: string; code: number; reason?: string}
  /** The next `count` upgrades (to `sessionId`, or any) are refused: TCP abort, or `status` with the §3.3 string (429 adds Retry-After). */
  | {command: 'refuseHandshakes'; sessionId?: string; count: number; status?: RefusalStatus; retryAfter?: number}
  /** The session becomes unknown (404 on handshake); its sockets close with `code` (default 1001). No SESSION_END. */
  | {command: 'expireSession'; sessionId?: string; code?: number}
  /** Merge outgoing-traffic transforms. */
  | ({command: 'faults'; sessionId?: string} & FaultSettings)
  /** Merge [S] wire variants. */
  | ({command: 'variants'; sessionId?: string} & VariantSettings)
  /** Send garbage frames now: `count` frames cycling through `kinds` (default: one of each kind). */
  | {command: 'garbage'; sessionId?: string; count?: number; kinds?: GarbageKind[]}
  /** The PolyAI agent or the live agent says `text` now (stored); agent text is chunked when `streaming` (default: the session's setting). */
  | {command: 'say'; sessionId?: string; role: 'agent' | 'live-agent'; text: string; streaming?: boolean}
  /** The server ends the session now: SESSION_END with `reason` (default REASON_NATURAL_END), then close 1000. */
  | {command: 'endSession'; sessionId?: string; reason?: string}
  /** REST failures: the next `count` calls of `endpoint` answer 500 with the documented string, or 429 with Retry-After. */
  | {command: 'restFailures'; endpoint: 'access-token' | 'sessions'; count: number; status?: 429 | 500; retryAfter?: number}
  /** Change the idle timeout (running timers restart with it). */
  | {command: 'idleTimeout'; ms: number}
  /** Capabilities advertised by sessions created from now on (a global `reset` restores the options'). */
  | {command: 'capabilities'; maxReconnectAttempts?: number; heartbeatIntervalSeconds?: number}
  /** Pacing of the scripted agents for one session (`sessionId`), or the default of every session without its own. */
  | {command: 'agentDelay'; sessionId?: string; ms: number}
  /** Store (unless the type is transient) and send one server event with this type and payload now: any content, for hostile-input tests. */
  | {command: 'raw'; sessionId?: string; type: string; payload?: Record<string, unknown>}
  /** Send these text frames as they are (never stored, never sequenced). */
  | {command: 'frames'; sessionId?: string; frames: string[]}
  /** The sockets open now go silent, as after a laptop sleep: nothing more is sent on them and what they receive is ignored; they stay open. */
  | {command: 'silence'; sessionId?: string}
  /** Clear faults, variants, pending refusals, drops, per-session agent delays and REST failures (of one session with `sessionId`). */
  | {command: 'reset'; sessionId?: string}
  /**
   * Reseed every PRNG; with `sessionId`, give that session a fault PRNG of its own, so its fault
   * decisions do not depend on other sessions drawing at the same time.
   */
  | {command: 'seed'; seed: number; sessionId?: string}
  /** List sessions: [{sessionId, streaming, phase, sockets, ended, expired, events, pending}]. */
  | {command: 'sessions'};

export interface SessionSummary {
  sessionId: string;
  streaming: boolean;
  phase: string;
  sockets: number;
  ended: boolean;
  expired: boolean;
  events: number;
  /** Agent output still queued plus frames held by faults (delay, reorder): 0 = the session is quiet. */
  pending: number;
}
