import {DEFAULT_EXPIRES_IN_S} from './options.js';
import {UpstreamError} from './upstream-error.js';
import type {UpstreamContext, UpstreamResponse} from './upstream-request.js';
import {postWithRetry} from './upstream-request.js';

export interface MintedToken {
  accessToken: string;
  /** Seconds; DEFAULT_EXPIRES_IN_S when PolyAI omits it or sends nonsense. */
  expiresIn: number;
}

function parseObject(response: UpstreamResponse, label: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(response.text);
  } catch {
    throw new UpstreamError('failed', `PolyAI ${label} response is not valid JSON (status ${response.status})`, response.correlationId);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new UpstreamError('failed', `PolyAI ${label} response is not a JSON object (status ${response.status})`, response.correlationId);
  }
  return body as Record<string, unknown>;
}

/** `POST {baseUrl}/api/v1/access-token`: exchanges the connector token for an access token. */
export async function mintAccessToken(
  baseUrl: string,
  connectorToken: string,
  host: string,
  ctx: UpstreamContext,
): Promise<MintedToken> {
  const response = await postWithRetry(
    {
      label: 'access-token',
      url: `${baseUrl}/api/v1/access-token`,
      headers: {'X-Token': connectorToken, 'X-Host': host, 'Content-Type': 'application/json', Accept: 'application/json'},
      body: '{}',
    },
    ctx,
  );
  const body = parseObject(response, 'access-token');
  const accessToken = body.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new UpstreamError('failed', 'PolyAI access-token response has no access_token', response.correlationId);
  }
  const expiresIn = body.expires_in;
  return {
    accessToken,
    expiresIn: typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? Math.floor(expiresIn) : DEFAULT_EXPIRES_IN_S,
  };
}

/** `POST {baseUrl}/api/v1/sessions`: starts a conversation bound to the access token. */
export async function createPolyAiSession(
  baseUrl: string,
  accessToken: string,
  streaming: boolean,
  ctx: UpstreamContext,
): Promise<string> {
  const response = await postWithRetry(
    {
      label: 'sessions',
      url: `${baseUrl}/api/v1/sessions`,
      headers: {Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json', Accept: 'application/json'},
      body: JSON.stringify({streaming_enabled: streaming, platform: 'web'}),
    },
    ctx,
  );
  const sessionId = parseObject(response, 'sessions').session_id;
  if (typeof sessionId !== 'string' || sessionId === '') {
    throw new UpstreamError('failed', 'PolyAI sessions response has no session_id', response.correlationId);
  }
  return sessionId;
}
