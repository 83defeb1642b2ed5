// POST /api/v1/access-token and POST /api/v1/sessions (§2.2, §2.3): the exact error strings and
// statuses, in the order the docs list the causes.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {TokenRegistry} from './access-tokens.js';
import {isPlainObject} from './client-frame.js';
import {REST_ERRORS} from './event-types.js';
import {hostMatches} from './host-match.js';
import {readBody, sendError, sendJson} from './http-io.js';
import type {Prng} from './prng.js';
import type {ResolvedOptions} from './types.js';

export type RestEndpoint = 'access-token' | 'sessions';

export interface RestFailure {
  status: 429 | 500;
  retryAfter: number;
}

export interface RestContext {
  readonly options: ResolvedOptions;
  readonly tokens: TokenRegistry;
  idPrng(): Prng;
  now(): number;
  newId(): string;
  takeRestFailure(endpoint: RestEndpoint): RestFailure | null;
  createSession(init: {identity: string; streaming: boolean; platform: string}): string;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

/** An injected failure (restFailures command): 429 with Retry-After, or the endpoint's documented 500. */
function sendInjected(res: ServerResponse, failure: RestFailure, message500: string, headers: Record<string, string>): void {
  if (failure.status === 429) sendError(res, 429, REST_ERRORS.rateLimited, {...headers, 'Retry-After': String(failure.retryAfter)});
  else sendError(res, 500, message500, headers);
}

export async function handleAccessToken(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  await readBody(req); // The body is `{}` and carries nothing; drained so keep-alive stays clean.
  const headers = {'X-PolyAI-Correlation-Id': ctx.newId()};
  const failure = ctx.takeRestFailure('access-token');
  if (failure) return sendInjected(res, failure, REST_ERRORS.tokenMintFailed, headers);
  const token = header(req, 'x-token');
  const host = header(req, 'x-host');
  if (!token || !host) return sendError(res, 401, REST_ERRORS.missingAuthHeaders, headers);
  const connector = ctx.options.connectors.find((candidate) => candidate.token === token);
  if (!connector) return sendError(res, 401, REST_ERRORS.unknownConnector, headers);
  if (connector.host.trim() === '') return sendError(res, 401, REST_ERRORS.connectorWithoutHost, headers);
  if (!hostMatches(connector.host, host)) return sendError(res, 401, REST_ERRORS.hostMismatch, headers);
  const minted = ctx.tokens.mint(ctx.idPrng(), ctx.now(), ctx.options.tokenTtlSeconds);
  sendJson(res, 200, {access_token: minted.token, expires_in: ctx.options.tokenTtlSeconds, token_type: 'Bearer'}, headers);
}

/** The optional body: absent/empty = defaults; anything but a JSON object = parse error; unknown fields ignored. */
function parseSessionBody(text: string): {streaming: boolean; platform: string} | null {
  if (text.trim() === '') return {streaming: false, platform: 'web'};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(parsed)) return null;
  return {
    streaming: parsed.streaming_enabled === true,
    platform: typeof parsed.platform === 'string' ? parsed.platform : 'web',
  };
}

export async function handleCreateSession(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  const body = await readBody(req);
  const headers = {'X-PolyAI-Correlation-Id': ctx.newId()};
  const failure = ctx.takeRestFailure('sessions');
  if (failure) return sendInjected(res, failure, REST_ERRORS.sessionCreateFailed, headers);
  const authorization = header(req, 'authorization');
  if (!authorization) return sendError(res, 400, REST_ERRORS.missingAccessToken, headers);
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!bearer?.[1]) return sendError(res, 401, REST_ERRORS.missingAuthHeaders, headers);
  const identity = ctx.tokens.verify(bearer[1], ctx.now());
  if (identity === null) return sendError(res, 401, REST_ERRORS.invalidAccessToken, headers);
  const parsed = parseSessionBody(body);
  if (!parsed) return sendError(res, 400, REST_ERRORS.badBody, headers);
  const sessionId = ctx.createSession({identity, ...parsed});
  sendJson(res, 200, {session_id: sessionId}, headers);
}
