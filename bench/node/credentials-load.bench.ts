// `npm run bench:server`: the credentials endpoint under load (test/helpers/node/credentials-load.ts),
// 2,000 visitors each starting and resuming a conversation, through one process (memory store) and
// through two (sealed cookie; Redis when redis-server can run), against a local fake PolyAI.
// Prints a Markdown table for the README's "Deploying the endpoint" section.
//   node --import tsx bench/node/credentials-load.bench.ts [visitors] [concurrency]
import os from 'node:os';
import type {LoadOptions, LoadResult} from '../../test/helpers/node/credentials-load.js';
import {runLoad} from '../../test/helpers/node/credentials-load.js';
import {startRedisServer} from '../../test/helpers/node/redis-server.js';

const visitors = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 32);
const redis = await startRedisServer();

const scenarios: [string, LoadOptions][] = [
  ['1 process, memory store (cap 1,000)', {mode: 'memory', instances: 1, visitors, concurrency, maxEntries: 1000}],
  ['2 processes, sealed cookie', {mode: 'sealed', instances: 2, visitors, concurrency}],
];
if ('url' in redis) scenarios.push(['2 processes, Redis', {mode: 'redis', instances: 2, visitors, concurrency, redisUrl: redis.url}]);
else console.log(`(Redis scenario skipped: ${redis.skip})`);

const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
const rows: string[] = [];
try {
  for (const [name, options] of scenarios) {
    const result: LoadResult = await runLoad(options);
    if (result.failures.length > 0 || result.crossed > 0) throw new Error(`${name}: ${result.failures.length} failures, ${result.crossed} crossed`);
    const heap = result.instances.map((i) => mb(i.heapUsedBytes)).join(' + ');
    const rss = result.instances.map((i) => mb(i.rssBytes)).join(' + ');
    const entries = result.instances[0]?.entries === undefined ? '' : ` (${result.instances[0].entries} kept)`;
    rows.push(`| ${name} | ${result.requests} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50Ms.toFixed(1)} | ${result.p99Ms.toFixed(1)} | ${heap}${entries} | ${rss} |`);
    console.log(rows.at(-1));
  }
} finally {
  if ('stop' in redis) await redis.stop();
}

console.log(`\n${visitors} visitors, ${concurrency} requests in flight; node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}\n`);
console.log('| scenario | requests | req/s | p50 ms | p99 ms | heap after GC, MB | RSS, MB |');
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
