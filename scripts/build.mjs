// `npm run build`: everything the npm package and the CDN ship, into dist/.
//   dist/index.js, dist/poly-chat.js (+ chunks/)   vite `--mode lib`: the npm entry points, lit external
//   dist/poly-chat.bundle.js                        vite `--mode bundle`: one minified self-defining module
//   dist/**/*.d.ts                                  tsc (tsconfig.build.json): declarations of the entries
//   dist/server/                                    tsc (tsconfig.server-build.json): `poly-chat/server`
//   dist/vue.d.ts, svelte.d.ts, react.d.ts          typings/: template and JSX typings, generated from
//                                                   custom-elements.json (scripts/build-typings.mjs)
// then prints the bundle's sizes and what each part contributes (scripts/size-report.mjs).
// `--no-report` skips the size report.
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync} from 'node:fs';
import path from 'node:path';
import {build} from 'vite';
import {format, report} from './size-report.mjs';
import {root} from './ensure.mjs';

const dist = path.join(root, 'dist');
// Built next to dist/ and swapped in at the end, so a build never leaves a half-written dist/
// behind (several `npm test` runs can share one working tree).
const staging = path.join(root, `dist.tmp-${process.pid}`);
const started = Date.now();

function step(label, fn) {
  const t0 = Date.now();
  fn();
  console.log(`  ✓ ${label} (${Date.now() - t0} ms)`);
}

function tsc(project) {
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', project, '--outDir', project.includes('server') ? path.join(staging, 'server') : staging], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`tsc -p ${project} failed`);
}

async function vite(mode) {
  const t0 = Date.now();
  await build({configFile: path.join(root, 'vite.config.ts'), mode, logLevel: 'warn', build: {outDir: staging}});
  console.log(`  ✓ vite build --mode ${mode} (${Date.now() - t0} ms)`);
}

console.log('poly-chat: building dist/');
rmSync(staging, {recursive: true, force: true});
mkdirSync(staging, {recursive: true});
try {
  await vite('lib');
  await vite('bundle');
  step('declarations (tsc -p tsconfig.build.json)', () => tsc('tsconfig.build.json'));
  step('poly-chat/server (tsc -p tsconfig.server-build.json)', () => tsc('tsconfig.server-build.json'));
  step('framework typings (typings/ → dist/)', () => {
    for (const name of readdirSync(path.join(root, 'typings'))) cpSync(path.join(root, 'typings', name), path.join(staging, name));
  });
  const old = `${dist}.old-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(staging, dist);
  rmSync(old, {recursive: true, force: true});
} catch (error) {
  rmSync(staging, {recursive: true, force: true});
  throw error;
}
console.log(`poly-chat: built in ${Date.now() - started} ms\n`);

if (!process.argv.includes('--no-report')) console.log(format(report()));
