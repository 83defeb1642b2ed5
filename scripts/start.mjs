// `npm start`: installs what is missing (Node 22 included), then serves the demo with the PolyAI
// simulator and the reference credentials endpoint on the same origin (no credentials or
// configuration needed).
import {spawn} from 'node:child_process';
import path from 'node:path';
import {ensureNode, ensureNodeModules, root} from './ensure.mjs';

await ensureNode(); // first: node modules are installed by the Node that runs vite
ensureNodeModules();
const vite = spawn(path.join(root, 'node_modules', '.bin', 'vite'), ['--config', 'vite.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vite.kill(signal));
vite.on('exit', (code) => process.exit(code ?? 0));
