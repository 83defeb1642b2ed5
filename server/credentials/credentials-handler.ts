import type {IncomingMessage, ServerResponse} from 'node:http';
import type {StoredConversation} from './conversation-store.js';
import {appendCookie, cookieNameFor, readCookie, wantsSecureCookie} from './cookie.js';
import {CredentialsHttpError} from './credentials-http-error.js';
import type {CredentialsHandlerOptions, CredentialsLogger, ResolvedCredentialsOptions} from './options.js';
import {TOKEN_REFRESH_MARGIN_MS, resolveCredentialsOptions} from './options.js';
import type {MintedToken} from './polyai-client.js';
import {createPolyAiSession, mintAccessToken} from './polyai-client.js';
import type {CredentialsRequest} from './read-credentials-request.js';
import {readCredentialsRequest} from './read-credentials-request.js';
import {Redactor} from './redact.js';
import {checkRequestOrigin} from './request-origin.js';
import {admitMint, checkNewSessionCooldown} from './mint-admission.js';
import {sendJson} from './send-json.js';
import {LOG_PREFIX, errorText, toErrorResponse} from './error-response.js';
import type {UpstreamContext} from './upstream-request.js';

/** A node:http request listener; also an Express route handler. Never rejects. */
export type CredentialsHandler = ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & {
  /** Closes the Redis connection the handler opened for `redisUrl`; nothing else to release. */
  close(): Promise<void>;
};

/** The 200 body of contract §4. */
interface CredentialsResponseBody {
  access_token: string;
  session_id?: string;
  base_url: string;
  expires_in: number;
}

function redactingLogger(logger: CredentialsLogger, redactor: Redactor): CredentialsLogger {
  return {
    warn: (message) => logger.warn(redactor.redact(message)),
    error: (message) => logger.error(redactor.redact(message)),
  };
}

/** How long a stored pair is worth keeping: until it gets too close to expiry, or goes idle. */
function storeTtlMs(conversation: StoredConversation, config: ResolvedCredentialsOptions, now: number): number {
  return Math.min(conversation.expiresAt - TOKEN_REFRESH_MARGIN_MS - now, config.idleTimeoutMs);
}

function isResumable(stored: StoredConversation, request: CredentialsRequest, config: ResolvedCredentialsOptions, now: number): boolean {
  return (
    stored.expiresAt - now > TOKEN_REFRESH_MARGIN_MS &&
    // streaming_enabled is fixed at session creation; a page that now asks otherwise gets a session that honours it.
    stored.streaming === request.streaming &&
    stored.baseUrl === config.publicBaseUrl
  );
}

/**
 * Creates the reference credentials endpoint (contract §4): `POST` with a JSON body
 * `{"new_session": boolean, "streaming": boolean}`, answered with
 * `{access_token, session_id?, base_url, expires_in}`.
 *
 * The connector token stays on this server. With `createSession` (the default) the browser's
 * (session, token) pair is kept behind an `HttpOnly; SameSite=Lax` cookie (`__Host-` and `Secure`
 * off localhost): sealed into the cookie itself with `secret`, or in `store` under an opaque id in
 * it, so `new_session: false` after a reload resumes the conversation. New conversations are rate
 * limited (`limits`); other sites' pages are refused (`allowedOrigins`).
 *
 * Works as a node:http listener and as an Express handler (`app.post(path, handler)`); it reads
 * the body itself unless `req.body` is already parsed. Throws at creation on bad options.
 */
export function createCredentialsHandler(options: CredentialsHandlerOptions): CredentialsHandler {
  const config = resolveCredentialsOptions(options);
  if (config.mode === 'memory' && config.createSession) {
    config.logger.warn(
      `${LOG_PREFIX} conversations are kept in this process's memory, so run a single instance: with several, or after a restart, ` +
        'a reload starts a new conversation. Set POLY_CHAT_SECRET (sealed cookie) or POLY_CHAT_REDIS_URL (shared store) to scale out.',
    );
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const redactor = new Redactor([config.connectorToken]);
    const logger = redactingLogger(config.logger, redactor);
    try {
      await serve(req, res, config, redactor, logger);
    } catch (error) {
      const failure = toErrorResponse(error, logger);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body: Record<string, string> = {error: failure.code, message: redactor.redact(failure.message)};
      if (failure.correlationId !== undefined) body.correlation_id = failure.correlationId;
      sendJson(res, failure.status, body, failure.headers);
    }
  };
  return Object.assign(handle, {close: config.close});
}

/** One request's view of the handler: its config, its redacting logger, its upstream context. */
interface Exchange {
  req: IncomingMessage;
  config: ResolvedCredentialsOptions;
  redactor: Redactor;
  logger: CredentialsLogger;
}

function upstreamContext({config, logger, redactor}: Exchange): UpstreamContext {
  return {
    fetch: config.fetch,
    sleep: config.sleep,
    signal: AbortSignal.timeout(config.timeoutMs),
    timeoutMs: config.timeoutMs,
    retryDelayMs: config.retryDelayMs,
    maxRetryAfterMs: config.maxRetryAfterMs,
    now: config.now,
    logger,
    redact: (text) => redactor.redact(text),
  };
}

/** Runs `mint` only once the rate limits admit it (else 429, no upstream call), releasing its slot after. */
async function admitted<T>(exchange: Exchange, mint: () => Promise<T>): Promise<T> {
  const {req, config, logger} = exchange;
  const release = await admitMint(req, config.limits, config.trustProxy, config.now(), logger);
  try {
    return await mint();
  } finally {
    await release();
  }
}

async function mintToken(exchange: Exchange, ctx: UpstreamContext): Promise<MintedToken> {
  const {config, redactor} = exchange;
  const token = await mintAccessToken(config.baseUrl, config.connectorToken, config.host, ctx);
  redactor.add(token.accessToken);
  return token;
}

async function startConversation(exchange: Exchange, request: CredentialsRequest): Promise<StoredConversation> {
  const {config} = exchange;
  const startedAt = config.now();
  const ctx = upstreamContext(exchange);
  const token = await mintToken(exchange, ctx);
  const sessionId = await createPolyAiSession(config.baseUrl, token.accessToken, request.streaming, ctx);
  return {
    sessionId,
    accessToken: token.accessToken,
    expiresAt: startedAt + token.expiresIn * 1000,
    streaming: request.streaming,
    baseUrl: config.publicBaseUrl,
    startedAt,
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  config: ResolvedCredentialsOptions,
  redactor: Redactor,
  logger: CredentialsLogger,
): Promise<void> {
  if (req.method !== 'POST') {
    throw new CredentialsHttpError(405, 'method_not_allowed', 'Use POST', {Allow: 'POST'});
  }
  checkRequestOrigin(req, config.allowedOrigins, config.trustProxy);
  const request = await readCredentialsRequest(req);
  const exchange: Exchange = {req, config, redactor, logger};

  if (!config.createSession) {
    // Nothing to resume: the element creates the session, and a token is bound to the session made with it.
    const token = await admitted(exchange, () => mintToken(exchange, upstreamContext(exchange)));
    const body: CredentialsResponseBody = {access_token: token.accessToken, base_url: config.publicBaseUrl, expires_in: token.expiresIn};
    sendJson(res, 200, {...body});
    return;
  }

  const secure = wantsSecureCookie(req, config.secureCookie, config.trustProxy);
  const cookieName = cookieNameFor(config.cookieName, secure);
  const cookie = readCookie(req, cookieName);
  const previous = cookie === null ? undefined : await bestEffort(() => config.keeper.load(cookie), logger, 'read');
  const now = config.now();
  if (previous !== undefined && cookie !== null && !request.newSession && isResumable(previous, request, config, now)) {
    redactor.add(previous.accessToken);
    // Keeping it again restarts the idle deadline.
    const renewed = await bestEffort(() => config.keeper.keep(previous, storeTtlMs(previous, config, now), cookie), logger, 'refresh');
    if (typeof renewed === 'string') appendCookie(res, cookieName, renewed, secure);
    sendJson(res, 200, {...responseBody(previous, Math.floor((previous.expiresAt - now) / 1000))});
    return;
  }
  if (request.newSession) checkNewSessionCooldown(previous, config.limits, now);

  const conversation = await admitted(exchange, () => startConversation(exchange, request));
  const kept = await bestEffort(() => config.keeper.keep(conversation, storeTtlMs(conversation, config, config.now()), null), logger, 'write');
  // The replaced conversation's cookie stops working.
  if (cookie !== null) await bestEffort(() => config.keeper.forget(cookie), logger, 'delete');
  if (typeof kept === 'string') appendCookie(res, cookieName, kept, secure);
  const expiresIn = Math.floor((conversation.expiresAt - config.now()) / 1000);
  sendJson(res, 200, {...responseBody(conversation, expiresIn)});
}

function responseBody(conversation: StoredConversation, expiresIn: number): CredentialsResponseBody {
  return {
    access_token: conversation.accessToken,
    session_id: conversation.sessionId,
    base_url: conversation.baseUrl,
    expires_in: Math.max(0, expiresIn),
  };
}

/** The store only enables resuming; when it fails, log and carry on without it. */
async function bestEffort<T>(operation: () => Promise<T> | T, logger: CredentialsLogger, what: string): Promise<T | undefined> {
  try {
    return await operation();
  } catch (error) {
    logger.error(`${LOG_PREFIX} conversation store ${what} failed (${errorText(error)}); continuing without resume`);
    return undefined;
  }
}
