// Parsing of the test knobs read from the environment (PROPERTY_SEEDS, FUZZ_SEED, CHAOS_SEED,
// CHAOS_SEEDS). A knob that is set but not understood is an error that names it, never a silent
// zero-iteration run: `PROPERTY_SEEDS=abc` must not pass by testing nothing. Shared by node and
// browser tests (no Node or DOM API here).

const WHOLE = /^\d+$/;

function bad(name: string, raw: string, expected: string): Error {
  return new Error(`${name}=${JSON.stringify(raw)} is not understood: expected ${expected}`);
}

/** How many iterations: unset → `fallback`; else a whole number ≥ 1. */
export function countKnob(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (!WHOLE.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1) throw bad(name, raw, 'a whole number of at least 1');
  return value;
}

/** A seed: unset → `fallback`; else a whole number ≥ 0. */
export function seedKnob(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (!WHOLE.test(raw.trim()) || !Number.isSafeInteger(value)) throw bad(name, raw, 'a whole number (a seed)');
  return value;
}

/**
 * A list of seeds: unset → `count` seeds from `first`; `n` → n seeds from `first`; `a-b` → a…b
 * (a ≤ b). Never empty.
 */
export function seedRangeKnob(name: string, raw: string | undefined, first: number, count: number): number[] {
  const run = (from: number, length: number): number[] => Array.from({length}, (_, i) => from + i);
  if (raw === undefined) return run(first, count);
  const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(raw);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) throw bad(name, raw, 'a-b with a ≤ b');
    return run(from, to - from + 1);
  }
  return run(first, countKnob(name, raw, count));
}
