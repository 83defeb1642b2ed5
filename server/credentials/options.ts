import {setTimeout as delay} from 'node:timers/promises';
import {normalizeBaseUrl} from './base-url.js';
import type {ConversationKeeper} from './conversation-keeper.js';
import type {ConversationStore} from './conversation-store.js';
import {isValidCookieName} from './cookie.js';
import {MemoryConversationStore} from './memory-conversation-store.js';
import {MemoryRateLimits} from './memory-rate-limits.js';
import type {MintLimits, ResolvedMintLimits} from './mint-admission.js';
import {DEFAULT_MINT_LIMITS} from './mint-admission.js';
import {isRedisUrl, redisStoreFromUrl} from './redis-from-url.js';
import {normalizeOrigin} from './request-origin.js';
import {MIN_SECRET_LENGTH, deriveSealKeys} from './seal.js';
import {sealedKeeper} from './sealed-keeper.js';
import {storeKeeper} from './store-keeper.js';

/** Where the handler reports upstream trouble. Messages never contain a token. */
export interface CredentialsLogger {
  warn(message: string): void;
  error(message: string): void;
}

export interface CredentialsHandlerOptions {
  /** PolyAI host, e.g. `https://messaging.poly.ai` (plain http only for loopback, e.g. the simulator). */
  baseUrl: string;
  /** Connector token, sent as `X-Token`. Never appears in a response, a log line or an error message. */
  connectorToken: string;
  /** Host identifier registered with the connector token, sent as `X-Host`. */
  host: string;
  /** `base_url` given to the browser. Default: `baseUrl`. */
  publicBaseUrl?: string;
  /**
   * Default true: the backend also creates the PolyAI session, returns `session_id` and remembers
   * the pair for the browser (a reload resumes the conversation). False: every request mints a
   * fresh token and the element creates the session; nothing is stored and no cookie is set.
   */
  createSession?: boolean;
  /** Cookie holding the browser's opaque conversation id. Default `poly_chat_sid`. */
  cookieName?: string;
  /**
   * Default `'auto'`: Secure (and so named `__Host-<cookieName>`) unless the request is plain http
   * to a loopback `Host` such as `localhost` (local development). `true`/`false` force it.
   */
  secureCookie?: boolean | 'auto';
  /** Trust `X-Forwarded-Proto` and `X-Forwarded-Host` from a reverse proxy. Default false. */
  trustProxy?: boolean;
  /**
   * Origins whose pages may ask for credentials, e.g. `['https://www.example.com']`. A request with
   * another `Origin`, or with `Sec-Fetch-Site: cross-site`, gets 403. Default: the request's own host.
   */
  allowedOrigins?: readonly string[];
  /**
   * Secret(s) for the sealed-cookie mode, each at least 32 characters. With a secret the
   * conversation lives in the cookie itself, encrypted and authenticated (AES-256-GCM), so every
   * instance sharing the secret resumes it with no shared store. Several: the first seals, all open
   * (rotation: add the new one first, drop the old one once its cookies have expired).
   * Ignored when `store` is given.
   */
  secret?: string | readonly string[];
  /**
   * Where conversations live, keyed by an opaque id in the cookie (e.g. `redisConversationStore`).
   * Default: the sealed cookie when `secret` is set, else a `MemoryConversationStore` (one process only).
   */
  store?: ConversationStore;
  /**
   * `redis://` or `rediss://` URL: conversations and rate limits in that Redis, shared by every
   * instance. Needs the `redis` package (loaded only then); the handler owns the connection
   * (`handler.close()`). Instead of `store`; takes precedence over `secret`.
   */
  redisUrl?: string;
  /**
   * Limits on minting new conversations; over a limit the answer is 429 with `Retry-After` and
   * nothing reaches PolyAI. Defaults: 10 per client IP per minute, 32 at once, and a 5 s cool-down
   * on `new_session: true`. Shared across instances when the store shares them (Redis).
   */
  limits?: MintLimits;
  /** Injectable for tests. Default: global `fetch`. */
  fetch?: typeof fetch;
  /** Default `console`. */
  logger?: CredentialsLogger;
  /** Clock, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Deadline for the whole upstream exchange (token + session, retries included); then 504. Default 10 000 ms. */
  timeoutMs?: number;
  /** Delay before the first retry of a network error or 5xx; doubles per retry. Default 250 ms. */
  retryDelayMs?: number;
  /** Longest 429 `Retry-After` the handler waits for; a longer one fails at once. Default 5 000 ms. */
  maxRetryAfterMs?: number;
  /**
   * A conversation not asked for within this time is forgotten. Default 24 h: the endpoint cannot see
   * the heartbeats that keep a PolyAI session alive while its tab is open, and the element recovers
   * from a session that did expire by asking for a new one.
   */
  idleTimeoutMs?: number;
  /** Waits between retries; injectable so tests need not sleep. Must reject when `signal` aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Options with defaults applied and URLs normalised. */
export interface ResolvedCredentialsOptions {
  baseUrl: string;
  connectorToken: string;
  host: string;
  publicBaseUrl: string;
  createSession: boolean;
  cookieName: string;
  secureCookie: boolean | 'auto';
  trustProxy: boolean;
  /** Normalised; null means "the request's own host". */
  allowedOrigins: readonly string[] | null;
  /** How conversations are kept: `memory` (this process only), `sealed` (in the cookie), `store` (given). */
  mode: 'memory' | 'sealed' | 'store';
  keeper: ConversationKeeper;
  limits: ResolvedMintLimits;
  /** Closes what the handler opened itself (the Redis connection of `redisUrl`). */
  close: () => Promise<void>;
  fetch: typeof fetch;
  logger: CredentialsLogger;
  now: () => number;
  timeoutMs: number;
  retryDelayMs: number;
  maxRetryAfterMs: number;
  idleTimeoutMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const MAX_ATTEMPTS = 3;
/** A stored token with less life than this is not handed out again (the SDKs' staleness margin). */
export const TOKEN_REFRESH_MARGIN_MS = 300_000;
/** Lifetime assumed when PolyAI omits `expires_in` (as the SDKs do). */
export const DEFAULT_EXPIRES_IN_S = 3600;
/** Wait on a 429 without a usable `Retry-After`. */
export const DEFAULT_RETRY_AFTER_MS = 1000;

const defaultSleep = async (ms: number, signal: AbortSignal): Promise<void> => {
  await delay(ms, undefined, {signal});
};

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new TypeError(`poly-chat credentials: ${name} must be a non-negative number`);
  return value;
}

/** Applies defaults and validates; throws a clear Error (without secret values) on misconfiguration. */
export function resolveCredentialsOptions(options: CredentialsHandlerOptions): ResolvedCredentialsOptions {
  const problems: string[] = [];
  const baseUrl = typeof options.baseUrl === 'string' ? normalizeBaseUrl(options.baseUrl) : null;
  if (baseUrl === null) problems.push('baseUrl must be an https:// URL (plain http:// only for loopback hosts)');
  const publicBaseUrl = options.publicBaseUrl === undefined ? baseUrl : normalizeBaseUrl(options.publicBaseUrl);
  if (options.publicBaseUrl !== undefined && publicBaseUrl === null) {
    problems.push('publicBaseUrl must be an https:// URL (plain http:// only for loopback hosts)');
  }
  if (typeof options.connectorToken !== 'string' || options.connectorToken.trim() === '') problems.push('connectorToken is required');
  if (typeof options.host !== 'string' || options.host.trim() === '') problems.push('host is required');
  const cookieName = options.cookieName ?? 'poly_chat_sid';
  if (!isValidCookieName(cookieName)) problems.push('cookieName must be a cookie-name token');
  const allowedOrigins = options.allowedOrigins?.map(normalizeOrigin) ?? null;
  if (allowedOrigins?.includes(null)) problems.push('allowedOrigins must be origins such as https://www.example.com');
  const secrets = options.secret === undefined ? [] : typeof options.secret === 'string' ? [options.secret] : [...options.secret];
  if (options.secret !== undefined && (secrets.length === 0 || secrets.some((secret) => typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH))) {
    problems.push(`secret must be one or more strings of at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (options.redisUrl !== undefined && options.store !== undefined) problems.push('give store or redisUrl, not both');
  if (options.redisUrl !== undefined && !isRedisUrl(options.redisUrl)) problems.push('redisUrl must be a redis:// or rediss:// URL');
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') problems.push('no fetch implementation available');
  if (problems.length > 0 || baseUrl === null || publicBaseUrl === null) {
    throw new TypeError(`poly-chat credentials: ${problems.join('; ')}`);
  }
  const now = options.now ?? Date.now;
  const logger = options.logger ?? console;
  const ownedRedis = options.redisUrl === undefined ? undefined : redisStoreFromUrl(options.redisUrl, logger);
  const store = options.store ?? ownedRedis;
  const timeoutMs = nonNegative(options.timeoutMs, 10_000, 'timeoutMs');
  const limits: ResolvedMintLimits = {
    mintsPerMinute: nonNegative(options.limits?.mintsPerMinute, DEFAULT_MINT_LIMITS.mintsPerMinute, 'limits.mintsPerMinute'),
    maxConcurrentMints: nonNegative(options.limits?.maxConcurrentMints, DEFAULT_MINT_LIMITS.maxConcurrentMints, 'limits.maxConcurrentMints'),
    newSessionCooldownMs: nonNegative(options.limits?.newSessionCooldownMs, DEFAULT_MINT_LIMITS.newSessionCooldownMs, 'limits.newSessionCooldownMs'),
    store: store?.rateLimits ?? new MemoryRateLimits(),
    leaseMs: timeoutMs + 1000,
  };
  const mode = store !== undefined ? 'store' : secrets.length > 0 ? 'sealed' : 'memory';
  const keeper = mode === 'sealed' ? sealedKeeper(deriveSealKeys(secrets), cookieName, now) : storeKeeper(store ?? new MemoryConversationStore({now}));
  return {
    baseUrl,
    connectorToken: options.connectorToken,
    host: options.host,
    publicBaseUrl,
    createSession: options.createSession ?? true,
    cookieName,
    secureCookie: options.secureCookie ?? 'auto',
    trustProxy: options.trustProxy ?? false,
    allowedOrigins: allowedOrigins?.filter((origin) => origin !== null) ?? null,
    mode,
    keeper,
    limits,
    close: async () => ownedRedis?.close(),
    fetch: fetchImpl,
    logger,
    now,
    timeoutMs,
    retryDelayMs: nonNegative(options.retryDelayMs, 250, 'retryDelayMs'),
    maxRetryAfterMs: nonNegative(options.maxRetryAfterMs, 5000, 'maxRetryAfterMs'),
    idleTimeoutMs: nonNegative(options.idleTimeoutMs, 86_400_000, 'idleTimeoutMs'),
    sleep: options.sleep ?? defaultSleep,
  };
}
