// First-use setup shared by `npm start` and `npm test`: installs node modules when they are
// missing and finds (or, as root on Debian, installs) the three browser engines (Chromium, Firefox
// ESR, WebKitGTK's MiniBrowser with WebKitWebDriver and Xvfb) and, for the Redis tests,
// redis-server. Uses Node built-ins only, because it runs before anything is installed.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, lstatSync, statSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
