// `npm run bench`: installs what is missing (Node 22, node modules, Chromium), then runs bench/run.mjs with
// the given options (see its header). Not part of `npm test`: timings on a shared machine are noisy.
import {spawn} from 'node:child_process';
import path from 'node:path';
import {ensureChromium, ensureNode, ensureNodeModules, root} from './ensure.mjs';

await ensureNode(); // the same Node 22 as `npm test` (fetched on first use when the machine has an older one)
ensureNodeModules();
const chromium = ensureChromium();
const bench = spawn(process.execPath, [path.join(root, 'bench', 'run.mjs'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {...process.env, CHROME_PATH: process.env.CHROME_PATH ?? chromium},
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => bench.kill(signal));
bench.on('exit', (code) => process.exit(code ?? 1));
