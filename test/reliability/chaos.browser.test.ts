// The chaos suite: 200 seeded end-to-end runs of <poly-chat> against the simulator under random
// faults (test/helpers/browser/chaos-run.ts says which and what is checked). Four runs share the
// page at a time; long timers (backoff, heartbeats, echo deadlines) are fast-forwarded.
// Replay one seed: CHAOS_SEED=1234 npx wtr --config web-test-runner.config.mjs test/reliability/chaos.browser.test.ts
// Run more:        CHAOS_SEEDS=1000 (seeds 1000…1999) or CHAOS_SEEDS=5000-5999
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import '../../src/poly-chat.js';
import {SessionRuntime} from '../../src/runtime/session-runtime.js';
import {storageTranscriptCache} from '../../src/runtime/transcript-cache.js';
import type {TranscriptCache} from '../../src/runtime/transcript-cache.js';
import {chaosStats, runChaosSeed} from '../helpers/browser/chaos-run.js';
import {compressedEnv} from '../helpers/browser/compressed-env.js';
import {SeedPool} from '../helpers/browser/seed-pool.js';
import {testEnv} from '../helpers/browser/test-env.js';
import {seedKnob, seedRangeKnob} from '../helpers/env-knobs.js';

const FIRST_SEED = 1000;
const POOL_SIZE = 4;
const env = await testEnv();
/**
 * CHAOS_SEED=n: that seed only; CHAOS_SEEDS=n: n seeds from 1000; CHAOS_SEEDS=a-b: seeds a…b.
 * A value that is set but not understood fails the run (see test/helpers/env-knobs.ts).
 */
function chosenSeeds(): number[] {
  if (env.CHAOS_SEED !== undefined) return [seedKnob('CHAOS_SEED', env.CHAOS_SEED, FIRST_SEED)];
  return seedRangeKnob('CHAOS_SEEDS', env.CHAOS_SEEDS, FIRST_SEED, 200);
}
let knobError: Error | null = null;
let seeds: number[] = [];
try {
  seeds = chosenSeeds();
} catch (error) {
  knobError = error as Error;
}

// A knob not understood is one failing test that says so (a throw here would only read "could not
// import your test module").
if (knobError) {
  const error = knobError;
  it('chaos: the seed knobs are understood', () => {
    throw error;
  });
}

/** A Storage of this page's memory: a tab of its own for one seed. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe(`chaos: ${seeds.length} seeded runs under random faults`, () => {
  const host = document.createElement('div');
  host.className = 'chaos-host';
  let pool: SeedPool;

  before(() => {
    document.body.append(host);
    // Each seed is a visitor in a tab of their own: the seeds run side by side on this one page, all
    // with a `.credentials` source, and must not paint each other's transcript copy (issue 19 item 4;
    // one conversation per source and tab is the product's rule, next-page.browser.test.ts its test).
    const tabs = new WeakMap<object, TranscriptCache>();
    const tabOf = (source: object): TranscriptCache => {
      const tab = tabs.get(source) ?? storageTranscriptCache(memoryStorage());
      tabs.set(source, tab);
      return tab;
    };
    setDefaultRuntimeFactory((options) => {
      const env = compressedEnv({keepMs: 250, factor: 10});
      return new SessionRuntime(options, options.credentials ? {...env, transcriptCache: tabOf(options.credentials)} : env);
    });
    pool = new SeedPool(seeds, (seed) => runChaosSeed(seed, host), POOL_SIZE);
  });

  after(() => {
    setDefaultRuntimeFactory(null);
    host.remove();
    console.log(`chaos: ${[...chaosStats].map(([what, n]) => `${what} ${n}`).join(', ')}`);
  });

  for (const seed of seeds) {
    it(`seed ${seed}: transcript = stored history, each user message delivered once`, async function () {
      this.timeout(90_000);
      await pool.result(seed);
    });
  }
});
