import {normalizeBaseUrl} from './base-url.js';
import {isValidCookieName} from './cookie.js';
import type {MintLimits} from './mint-admission.js';
import type {CredentialsHandlerOptions} from './options.js';
import {isRedisUrl} from './redis-from-url.js';
import {normalizeOrigin} from './request-origin.js';
import {MIN_SECRET_LENGTH} from './seal.js';

export type EnvCredentialsOptions = Omit<CredentialsHandlerOptions, 'fetch' | 'logger' | 'store' | 'now'>;

const REQUIRED = ['POLYAI_BASE_URL', 'POLYAI_CONNECTOR_TOKEN', 'POLYAI_HOST'] as const;

function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** A whole number ≥ 0; undefined when unset. */
function readCount(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`poly-chat credentials: ${name} must be a whole number (0 turns the limit off)`);
  return Number(value);
}

/** A comma-separated list, blanks dropped; undefined when unset. */
function readList(env: NodeJS.ProcessEnv, name: string): string[] | undefined {
  const items = read(env, name)?.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items === undefined || items.length === 0 ? undefined : items;
}

function readBoolean(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return undefined;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new Error(`poly-chat credentials: ${name} must be true or false`);
}

/**
 * Handler options from the environment: POLYAI_BASE_URL, POLYAI_CONNECTOR_TOKEN, POLYAI_HOST,
 * and optionally POLY_CHAT_CREATE_SESSION (true/false), POLY_CHAT_COOKIE_NAME,
 * POLY_CHAT_TRUST_PROXY (true/false), POLY_CHAT_ALLOWED_ORIGINS (comma-separated origins) and
 * POLY_CHAT_SECRET (comma-separated secrets for the sealed cookie; the first seals, all open),
 * POLY_CHAT_REDIS_URL (conversations and limits in Redis; needs the `redis` package), and the
 * limits POLY_CHAT_MINTS_PER_MINUTE, POLY_CHAT_MAX_CONCURRENT_MINTS, POLY_CHAT_NEW_SESSION_COOLDOWN_MS.
 *
 * Returns null when none of the three is set (the dev server then uses its simulator). Throws an
 * Error naming the missing or invalid variables, never their values, when the set is incomplete.
 * Empty values count as unset.
 */
export function credentialsOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EnvCredentialsOptions | null {
  const [baseUrl, connectorToken, host] = REQUIRED.map((name) => read(env, name));
  if (baseUrl === undefined && connectorToken === undefined && host === undefined) return null;
  const missing = REQUIRED.filter((name) => read(env, name) === undefined);
  if (missing.length > 0 || baseUrl === undefined || connectorToken === undefined || host === undefined) {
    throw new Error(
      `poly-chat credentials: missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(set all of ${REQUIRED.join(', ')}, or none to use the simulator)`,
    );
  }
  if (normalizeBaseUrl(baseUrl) === null) {
    throw new Error('poly-chat credentials: POLYAI_BASE_URL must be an https:// URL (plain http:// only for loopback hosts)');
  }
  const options: EnvCredentialsOptions = {baseUrl, connectorToken, host};
  const createSession = readBoolean(env, 'POLY_CHAT_CREATE_SESSION');
  if (createSession !== undefined) options.createSession = createSession;
  const cookieName = read(env, 'POLY_CHAT_COOKIE_NAME');
  if (cookieName !== undefined) {
    if (!isValidCookieName(cookieName)) throw new Error('poly-chat credentials: POLY_CHAT_COOKIE_NAME is not a valid cookie name');
    options.cookieName = cookieName;
  }
  const secrets = readList(env, 'POLY_CHAT_SECRET');
  if (secrets !== undefined) {
    if (secrets.some((secret) => secret.length < MIN_SECRET_LENGTH)) {
      throw new Error(`poly-chat credentials: each POLY_CHAT_SECRET key must be at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`);
    }
    options.secret = secrets;
  }
  const redisUrl = read(env, 'POLY_CHAT_REDIS_URL');
  if (redisUrl !== undefined) {
    if (!isRedisUrl(redisUrl)) throw new Error('poly-chat credentials: POLY_CHAT_REDIS_URL must be a redis:// or rediss:// URL');
    options.redisUrl = redisUrl;
  }
  const limits: MintLimits = {};
  const mintsPerMinute = readCount(env, 'POLY_CHAT_MINTS_PER_MINUTE');
  if (mintsPerMinute !== undefined) limits.mintsPerMinute = mintsPerMinute;
  const maxConcurrentMints = readCount(env, 'POLY_CHAT_MAX_CONCURRENT_MINTS');
  if (maxConcurrentMints !== undefined) limits.maxConcurrentMints = maxConcurrentMints;
  const newSessionCooldownMs = readCount(env, 'POLY_CHAT_NEW_SESSION_COOLDOWN_MS');
  if (newSessionCooldownMs !== undefined) limits.newSessionCooldownMs = newSessionCooldownMs;
  if (Object.keys(limits).length > 0) options.limits = limits;
  const trustProxy = readBoolean(env, 'POLY_CHAT_TRUST_PROXY');
  if (trustProxy !== undefined) options.trustProxy = trustProxy;
  const origins = readList(env, 'POLY_CHAT_ALLOWED_ORIGINS');
  if (origins !== undefined) {
    if (origins.some((origin) => normalizeOrigin(origin) === null)) {
      throw new Error('poly-chat credentials: POLY_CHAT_ALLOWED_ORIGINS must be comma-separated origins such as https://www.example.com');
    }
    options.allowedOrigins = origins;
  }
  return options;
}
