import type {IncomingMessage, ServerResponse} from 'node:http';
import type {StoredConversation} from './conversation-store.js';
import {appendCookie, cookieNameFor, readCookie, wantsSecureCookie} from './cookie.js';
import {CredentialsHttpError} from './credentials-http-error.js';
import type {CredentialsHandlerOptions, CredentialsLogger, ResolvedCredentialsOptions} from './options.js';
import {TOKEN_REFRESH_MARGIN_MS, resolveCredentialsOptions} from './options.js';
import {createPolyAiSession, mintAccessToken} from './polyai-client.js';
import type {CredentialsRequest} from './read-credentials-request.js';
import {readCredentialsRequest} from './read-credentials-request.js';
import {Redactor} from './redact.js';
import {checkRequestOrigin} from './request-origin.js';
import {sendJson} from './send-json.js';
import {LOG_PREFIX, errorText, toErrorResponse} from './error-response.js';
import type {UpstreamContext} from './upstream-request.js';

/** A node:http request listener; also an Express route handler. Never rejects. */
export type CredentialsHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

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
 * The connector token stays on this server. With `createSession` (the default) the browser is
 * identified by an opaque random `HttpOnly; SameSite=Lax` cookie and its (session, token) pair is
 * kept server-side, so `new_session: false` after a reload resumes the conversation.
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

  return async (req, res) => {
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
  const ctx = (): UpstreamContext => ({
    fetch: config.fetch,
    sleep: config.sleep,
    signal: AbortSignal.timeout(config.timeoutMs),
    timeoutMs: config.timeoutMs,
    retryDelayMs: config.retryDelayMs,
    maxRetryAfterMs: config.maxRetryAfterMs,
    now: config.now,
    logger,
    redact: (text) => redactor.redact(text),
  });

  if (!config.createSession) {
    // Nothing to resume: the element creates the session, and a token is bound to the session made with it.
    const token = await mintAccessToken(config.baseUrl, config.connectorToken, config.host, ctx());
    redactor.add(token.accessToken);
    const body: CredentialsResponseBody = {access_token: token.accessToken, base_url: config.publicBaseUrl, expires_in: token.expiresIn};
    sendJson(res, 200, {...body});
    return;
  }

  const secure = wantsSecureCookie(req, config.secureCookie, config.trustProxy);
  const cookieName = cookieNameFor(config.cookieName, secure);
  const cookie = readCookie(req, cookieName);
  if (cookie !== null && !request.newSession) {
    const stored = await bestEffort(() => config.keeper.load(cookie), logger, 'read');
    const now = config.now();
    if (stored !== undefined && isResumable(stored, request, config, now)) {
      redactor.add(stored.accessToken);
      // Keeping it again restarts the idle deadline.
      const renewed = await bestEffort(() => config.keeper.keep(stored, storeTtlMs(stored, config, now), cookie), logger, 'refresh');
      if (typeof renewed === 'string') appendCookie(res, cookieName, renewed, secure);
      sendJson(res, 200, {...responseBody(stored, Math.floor((stored.expiresAt - now) / 1000))});
      return;
    }
  }

  const startedAt = config.now();
  const upstream = ctx();
  const token = await mintAccessToken(config.baseUrl, config.connectorToken, config.host, upstream);
  redactor.add(token.accessToken);
  const sessionId = await createPolyAiSession(config.baseUrl, token.accessToken, request.streaming, upstream);
  const conversation: StoredConversation = {
    sessionId,
    accessToken: token.accessToken,
    expiresAt: startedAt + token.expiresIn * 1000,
    streaming: request.streaming,
    baseUrl: config.publicBaseUrl,
  };

  const kept = await bestEffort(() => config.keeper.keep(conversation, storeTtlMs(conversation, config, config.now()), null), logger, 'write');
  // The replaced conversation's cookie stops working.
  if (cookie !== null) await bestEffort(() => config.keeper.forget(cookie), logger, 'delete');
  if (typeof kept === 'string') appendCookie(res, cookieName, kept, secure);
  sendJson(res, 200, {...responseBody(conversation, token.expiresIn)});
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
