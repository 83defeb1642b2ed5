import type {IncomingMessage} from 'node:http';
import {clientAddress, clientKey} from './client-ip.js';
import type {StoredConversation} from './conversation-store.js';
import {CredentialsHttpError} from './credentials-http-error.js';
import {LOG_PREFIX, errorText} from './error-response.js';
import type {CredentialsLogger} from './options.js';
import type {RateLimitStore, ReleaseSlot} from './rate-limit-store.js';
import {perMinute} from './token-bucket.js';

/** The limits on minting (each new conversation costs two PolyAI calls). 0 turns one off. */
export interface MintLimits {
  /** New conversations per client IP (IPv6: per /64) per minute, in bursts of as many. Default 10. */
  mintsPerMinute?: number;
  /** Mints in flight at once: per process, or across all instances with a shared store. Default 32. */
  maxConcurrentMints?: number;
  /** `new_session: true` is refused this long after the cookie's conversation started. Default 5 000 ms. */
  newSessionCooldownMs?: number;
}

export interface ResolvedMintLimits extends Required<MintLimits> {
  store: RateLimitStore;
  /** How long a slot may be held: past the upstream deadline the mint has failed anyway. */
  leaseMs: number;
}

export const DEFAULT_MINT_LIMITS: Required<MintLimits> = {mintsPerMinute: 10, maxConcurrentMints: 32, newSessionCooldownMs: 5000};

function tooManyRequests(message: string, retryAfterMs: number): CredentialsHttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new CredentialsHttpError(429, 'rate_limited', message, {'Retry-After': String(seconds)});
}

/** A conversation is not replaced with `new_session: true` within the cool-down after it started. */
export function checkNewSessionCooldown(previous: StoredConversation | undefined, limits: ResolvedMintLimits, now: number): void {
  if (previous?.startedAt === undefined || limits.newSessionCooldownMs <= 0) return;
  const wait = previous.startedAt + limits.newSessionCooldownMs - now;
  if (wait > 0) throw tooManyRequests('This conversation has only just started; try again shortly', wait);
}

/**
 * Admits one mint or throws a 429 with `Retry-After`: first the client's bucket, then a global
 * slot. The returned release must be called when the upstream calls are over. A failing limit
 * store is logged and lets the request through: the limits guard PolyAI, not the chat.
 */
export async function admitMint(req: IncomingMessage, limits: ResolvedMintLimits, trustProxy: boolean, now: number, logger: CredentialsLogger): Promise<ReleaseSlot> {
  const admitted: ReleaseSlot = async () => {};
  try {
    if (limits.mintsPerMinute > 0) {
      const client = clientKey(clientAddress(req, trustProxy));
      const bucket = await limits.store.take(`mint:${client}`, perMinute(limits.mintsPerMinute), now);
      if (!bucket.allowed) throw tooManyRequests('Too many new conversations from this address; try again later', bucket.retryAfterMs);
    }
    if (limits.maxConcurrentMints <= 0) return admitted;
    const release = await limits.store.acquire('upstream', limits.maxConcurrentMints, limits.leaseMs, now);
    if (release === null) throw tooManyRequests('Too many conversations are starting at once; try again shortly', 1000);
    return async () => {
      try {
        await release();
      } catch (error) {
        logger.error(`${LOG_PREFIX} rate limit store release failed (${errorText(error)})`);
      }
    };
  } catch (error) {
    if (error instanceof CredentialsHttpError) throw error;
    logger.error(`${LOG_PREFIX} rate limit store failed (${errorText(error)}); request let through`);
    return admitted;
  }
}
