// Connection policy: the numbers the session machine decides with, and how capabilities map to
// them. Named after partysocket's options where one exists.
import type {Capabilities} from '../protocol/wire.js';

/** First retry delay (protocol §10: start 1 s). */
export const MIN_DELAY_MS = 1_000;
/** Nominal delay cap (protocol §10: cap 30 s); jitter spreads it by ±20 %. */
export const MAX_DELAY_MS = 30_000;
export const GROW_FACTOR = 2;
/** ±20 % (protocol §10, the SDKs). */
export const JITTER_RATIO = 0.2;
/** Retries before giving up when capabilities name no usable budget (0, missing, invalid). */
export const DEFAULT_RETRY_BUDGET = 8;
/** Close 4003 = transient: poll on a fixed delay instead of growing backoff (SDK behaviour). */
export const FIXED_RETRY_DELAY_MS = 10_000;
/** A connection ready this long resets the retry counters (not the bare `open`: that can flap). */
export const MIN_UPTIME_MS = 10_000;
/** Budget for one step: a credentials fetch, a session create, or a socket handshake. */
export const CONNECT_TIMEOUT_MS = 15_000;
/**
 * Open means open: after this long with no history batch on an open socket, the chat goes on
 * without one (a new session sends its join, a resumed one its queued messages). A server may
 * send nothing when the cursor is current (Q5); a batch that comes later is still applied and
 * deduplicates what was re-sent. Never a timeout: a healthy socket is not closed for lack of a batch.
 */
export const REPLAY_GRACE_MS = 2_000;
/**
 * The same for the first socket of a session that came with the credentials (a reload, or a new
 * one the backend created: we cannot tell). A connect without cursor always gets its history
 * (SESSION_START at least, §3.4), so this only guards against a server that sends none; longer, so
 * a slow first batch of an existing conversation never gets a second join (Q13) or re-sent messages.
 */
export const FIRST_REPLAY_GRACE_MS = 8_000;
/** How long we wait for SESSION_END after USER_END_SESSION before closing anyway. */
export const END_GRACE_MS = 3_000;
/** Replace the socket before the ~2 h gateway cap (protocol §3.2), with 10 min to spare. */
export const RECYCLE_AFTER_MS = 110 * 60_000;
/** Used when capabilities are absent or name an invalid interval (0 means off). */
export const DEFAULT_HEARTBEAT_SECONDS = 30;
/** Never hammer the server: the shortest heartbeat period we accept. */
export const MIN_HEARTBEAT_MS = 1_000;
/** Silence allowed past two missed heartbeat echoes before a socket counts as dead. */
export const LIVENESS_MARGIN_MS = 10_000;
/** page.shown: how long the probe heartbeat's echo (or any frame) may take. */
export const PROBE_TIMEOUT_MS = 5_000;
/** page.shown: no probe when a frame arrived this recently. */
export const PROBE_QUIET_MS = 5_000;
/**
 * Refused socket handshakes in a row that declare a session dead (→ a new conversation), unless
 * the session advertised a larger budget (refusalLimit). The
 * browser hides the handshake's HTTP status: a dead session (404), a refused token (401) and a
 * flaky network all look like close 1006 before `open`. So after a refusal the next attempt
 * re-fetches the credentials for the same conversation (newSession false: the backend hands back
 * the pair it holds), and only a refusal right after such a successful fetch counts: the fetch
 * proved that the network reaches our backend. Failed fetches, handshake timeouts and refusals
 * while offline never count; any open resets the count. With backoff, a dead session is found
 * ~15 s after a drop (1 + 2 + 4 + 8 s), so a short network hiccup never costs the conversation.
 * (Credentials without a session_id cannot be fetched again for the same session: there every
 * refusal counts.)
 */
export const MAX_REFUSED_HANDSHAKES = 3;
/** New sessions in a row (no stable connection between) before we stop (SDK: 3). */
export const MAX_NEW_SESSIONS_IN_ROW = 3;
/** Joins re-sent per session after conversation-level system errors. */
export const MAX_JOIN_RESENDS = 2;

/** Heartbeat period in ms, or null when the server turned heartbeats off (interval 0). */
export function heartbeatIntervalMs(capabilities: Capabilities | null): number | null {
  const seconds = capabilities?.heartbeatIntervalSeconds;
  if (seconds === 0) return null;
  const usable = typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0;
  return Math.max(MIN_HEARTBEAT_MS, Math.round((usable ? seconds : DEFAULT_HEARTBEAT_SECONDS) * 1000));
}

/**
 * Silence after which an open socket is dead: two heartbeat periods plus a margin (two echoes
 * missed). Null when heartbeats are off: an idle, healthy socket is then silent by design, so
 * silence proves nothing (page.shown still probes).
 */
export function livenessDeadlineMs(capabilities: Capabilities | null): number | null {
  const interval = heartbeatIntervalMs(capabilities);
  return interval === null ? null : 2 * interval + LIVENESS_MARGIN_MS;
}

/**
 * Refusals (after fresh credentials) that declare a session dead: never fewer than the attempts
 * the session itself advertised (a gateway refusing handshakes for a while must not cost a
 * conversation the server would keep), never fewer than MAX_REFUSED_HANDSHAKES. Before the
 * session told us its budget (a reload), our own number.
 */
export function refusalLimit(capabilities: Capabilities | null): number {
  const advertised = capabilities?.maxReconnectAttempts;
  const usable = typeof advertised === 'number' && Number.isInteger(advertised) && advertised > 0;
  return usable ? Math.max(MAX_REFUSED_HANDSHAKES, advertised) : MAX_REFUSED_HANDSHAKES;
}

/** Retries allowed before giving up: capabilities.max_reconnect_attempts, else our default. */
export function retryBudget(capabilities: Capabilities | null): number {
  const advertised = capabilities?.maxReconnectAttempts;
  return typeof advertised === 'number' && Number.isInteger(advertised) && advertised > 0
    ? advertised
    : DEFAULT_RETRY_BUDGET;
}
