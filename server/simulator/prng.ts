// Seeded PRNG (mulberry32): tiny, fast and good enough for ids and fault decisions. Math.random is
// never used, so two runs with the same seed and the same inputs produce the same traffic.

export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, max). */
  int(max: number): number;
  /** `count` random bytes. */
  bytes(count: number): Uint8Array;
}

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    next: () => nextUint32() / 4294967296,
    int: (max) => Math.floor((nextUint32() / 4294967296) * max),
    bytes: (count) => {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = nextUint32() & 0xff;
      return out;
    },
  };
}

/** Derives an independent stream, so fault decisions never shift the id sequence. */
export function deriveSeed(seed: number, stream: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(stream, 0xc2b2ae35)) >>> 0;
}
