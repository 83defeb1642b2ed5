// `npm run pack:examples`: builds the package and packs it the way `npm publish` would, to
// examples/poly-chat.tgz, which the framework examples install (`"poly-chat": "file:../poly-chat.tgz"`).
// `--no-build` packs the current dist/. After re-packing, refresh an example with
// `npm install ../poly-chat.tgz` (npm caches file: tarballs by their integrity).
import {spawnSync} from 'node:child_process';
import {renameSync} from 'node:fs';
import path from 'node:path';
import {root} from './ensure.mjs';

const run = (command, args) => {
  const result = spawnSync(command, args, {cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8'});
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
  return result.stdout;
};

if (!process.argv.includes('--no-build')) spawnSync(process.execPath, ['scripts/build.mjs', '--no-report'], {cwd: root, stdio: 'inherit'});
const destination = path.join(root, 'examples');
const [packed] = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination]));
renameSync(path.join(destination, packed.filename), path.join(destination, 'poly-chat.tgz'));
console.log(`examples/poly-chat.tgz (${packed.entryCount} files, ${packed.size} bytes)`);
