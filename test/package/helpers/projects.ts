// Installs and builds a consumer project (an example, or the fresh-app fixture) against the packed
// tarball, with the project's own toolchain from the npm registry.
//
// Each project lives in a cache dir ($POLY_CHAT_EXAMPLES_CACHE, default $TMPDIR/poly-chat-examples/<name>)
// that keeps node_modules and the package-lock npm wrote between runs: `npm install` is skipped while
// the project's package.json (with the tarball's content hash in its file: spec) is unchanged. The
// tarball gets a content-addressed name, because npm caches file: tarballs by integrity and would
// otherwise happily reinstall a stale copy. A lock dir serialises runs that share the cache (several
// `npm test` in one tree); the built output is copied out before the lock is released.
import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {scratch, tarball, tarballHash} from './packed.js';

const CACHE = process.env.POLY_CHAT_EXAMPLES_CACHE ?? path.join(tmpdir(), 'poly-chat-examples');
/** What never comes from the source dir into the cache dir, and is never wiped there. */
const KEPT = new Set(['node_modules', 'package-lock.json', 'dist', '.angular']);

export interface BuiltProject {
  name: string;
  /** The build output, copied into this run's scratch dir. */
  dist: string;
  /** The cache dir the project was installed and built in. */
  dir: string;
  installed: 'cached' | 'fresh';
  timings: {installMs: number; buildMs: number};
  log: string;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${code}):\n${output.slice(-4000)}`));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(CACHE, `${name}.lock`);
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const owner = Number(existsSync(path.join(lock, 'pid')) ? readFileSync(path.join(lock, 'pid'), 'utf8') : NaN);
      if (Number.isFinite(owner) && !alive(owner)) rmSync(lock, {recursive: true, force: true});
      else if (Date.now() > deadline) throw new Error(`${lock} stayed locked for 15 minutes`);
      else await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, {recursive: true, force: true});
  }
}

/** Copies the project's sources over the cache dir, leaving node_modules and the lock in place. */
function syncSources(source: string, dir: string): void {
  mkdirSync(dir, {recursive: true});
  for (const name of readdirSync(dir)) {
    if (!KEPT.has(name)) rmSync(path.join(dir, name), {recursive: true, force: true});
  }
  for (const name of readdirSync(source)) {
    if (KEPT.has(name) || name.endsWith('.tgz')) continue;
    cpSync(path.join(source, name), path.join(dir, name), {recursive: true});
  }
}

/**
 * Installs (when needed) and builds the project in `source`, consuming the packed tarball.
 * `outDir` is the project's build output dir, relative to the project.
 */
export async function buildProject(name: string, source: string, options: {outDir?: string} = {}): Promise<BuiltProject> {
  mkdirSync(CACHE, {recursive: true});
  return withLock(name, async () => {
    const dir = path.join(CACHE, name);
    syncSources(source, dir);
    const tgzName = `poly-chat-${tarballHash()}.tgz`;
    for (const file of readdirSync(dir)) if (file.startsWith('poly-chat-') && file.endsWith('.tgz') && file !== tgzName) rmSync(path.join(dir, file));
    cpSync(tarball(), path.join(dir, tgzName));

    const manifestPath = path.join(dir, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {dependencies: Record<string, string>};
    manifest.dependencies['poly-chat'] = `file:./${tgzName}`;
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    writeFileSync(manifestPath, manifestText);

    const stampPath = path.join(dir, 'node_modules', '.poly-chat-install-stamp');
    const stamp = createHash('sha256').update(`${manifestText}\n${process.version}`).digest('hex');
    const env = {NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true'};
    let log = '';
    let installed: BuiltProject['installed'] = 'cached';
    const t0 = Date.now();
    if (!existsSync(stampPath) || readFileSync(stampPath, 'utf8') !== stamp) {
      installed = 'fresh';
      const install = (): Promise<string> => run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], dir, env);
      try {
        log += await install();
      } catch {
        // A broken or half-written cache: start over once.
        rmSync(path.join(dir, 'node_modules'), {recursive: true, force: true});
        rmSync(path.join(dir, 'package-lock.json'), {force: true});
        log += await install();
      }
      writeFileSync(stampPath, stamp);
    }
    const installMs = Date.now() - t0;

    const outDir = path.join(dir, options.outDir ?? 'dist');
    rmSync(outDir, {recursive: true, force: true});
    const t1 = Date.now();
    log += await run('npm', ['run', 'build'], dir, env);
    const buildMs = Date.now() - t1;

    const dist = path.join(scratch(), 'built', name);
    cpSync(outDir, dist, {recursive: true});
    return {name, dist, dir, installed, timings: {installMs, buildMs}, log};
  });
}
