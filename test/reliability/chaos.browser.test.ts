// The chaos suite: 200 seeded end-to-end runs of <poly-chat> against the simulator under random
// faults (test/helpers/browser/chaos-run.ts says which and what is checked). Four runs share the
// page at a time; long timers (backoff, heartbeats, echo deadlines) are fast-forwarded.
// Replay one seed: CHAOS_SEED=1234 npx wtr --config web-test-runner.config.mjs test/reliability/chaos.browser.test.ts
// Run more:        CHAOS_SEEDS=1000 (seeds 1000…1999) or CHAOS_SEEDS=5000-5999
import {setDefaultRuntimeFactory} from '../../src/controller/runtime-factory.js';
import '../../src/poly-chat.js';
import {SessionRuntime} from '../../src/runtime/session-runtime.js';
import {chaosStats, runChaosSeed} from '../helpers/browser/chaos-run.js';
import {compressedEnv} from '../helpers/browser/compressed-env.js';
import {SeedPool} from '../helpers/browser/seed-pool.js';
import {testEnv} from '../helpers/browser/test-env.js';

const FIRST_SEED = 1000;
const POOL_SIZE = 4;
const env = await testEnv();
/** CHAOS_SEED=n: that seed only; CHAOS_SEEDS=n: n seeds from 1000; CHAOS_SEEDS=a-b: seeds a…b. */
function chosenSeeds(): number[] {
  if (env.CHAOS_SEED) return [Number(env.CHAOS_SEED)];
  const [from, to] = (env.CHAOS_SEEDS ?? '').split('-').map(Number);
  if (from !== undefined && to !== undefined && to >= from) return Array.from({length: to - from + 1}, (_, i) => from + i);
  return Array.from({length: from || 200}, (_, i) => FIRST_SEED + i);
}
const seeds = chosenSeeds();

describe(`chaos: ${seeds.length} seeded runs under random faults`, () => {
  const host = document.createElement('div');
  host.className = 'chaos-host';
  let pool: SeedPool;

  before(() => {
    document.body.append(host);
    setDefaultRuntimeFactory((options) => new SessionRuntime(options, compressedEnv({keepMs: 250, factor: 10})));
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
