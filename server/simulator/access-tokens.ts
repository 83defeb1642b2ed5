// Access tokens: JWT-shaped (header.payload.signature, base64url) but unsigned. The registry keeps
// every minted token, so a tampered or invented token fails the lookup without any crypto.
import {base64url, uuidV4} from './ids.js';
import type {Prng} from './prng.js';

export interface TokenClaims {
  /** The end-user identity this token stands for; each mint is a new identity (§2.2 [S]). */
  readonly sub: string;
  readonly iat: number;
  readonly exp: number;
  readonly iss: string;
}

export interface MintedToken {
  readonly token: string;
  readonly claims: TokenClaims;
  readonly expiresAtMs: number;
}

export class TokenRegistry {
  private readonly tokens = new Map<string, MintedToken>();

  mint(prng: Prng, nowMs: number, ttlSeconds: number): MintedToken {
    const iat = Math.floor(nowMs / 1000);
    const claims: TokenClaims = {sub: uuidV4(prng), iat, exp: iat + ttlSeconds, iss: 'poly-chat-simulator'};
    const header = base64url(JSON.stringify({alg: 'none', typ: 'JWT'}));
    const token = `${header}.${base64url(JSON.stringify(claims))}.${base64url(prng.bytes(24))}`;
    const minted: MintedToken = {token, claims, expiresAtMs: nowMs + ttlSeconds * 1000};
    this.tokens.set(token, minted);
    return minted;
  }

  /** The identity of a known, unexpired token; null otherwise. */
  verify(token: string, nowMs: number): string | null {
    const minted = this.tokens.get(token);
    if (!minted || nowMs >= minted.expiresAtMs) return null;
    return minted.claims.sub;
  }
}
