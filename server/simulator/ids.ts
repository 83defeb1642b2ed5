// Id formats: UUIDv7-shaped event/message ids (time-ordered like the docs' samples), UUIDv4-shaped
// session ids and identities. The random bits come from the seeded PRNG, the time bits from `now`.
import type {Prng} from './prng.js';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function format(h: string): string {
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function uuidV7(prng: Prng, nowMs: number): string {
  const bytes = prng.bytes(16);
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return format(hex(bytes));
}

export function uuidV4(prng: Prng): string {
  const bytes = prng.bytes(16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return format(hex(bytes));
}

export function base64url(input: string | Uint8Array): string {
  return Buffer.from(input).toString('base64url');
}
