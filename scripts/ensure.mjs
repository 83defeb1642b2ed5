// First-use setup shared by `npm start` and `npm test`: installs node modules when they are
// missing and finds (or, as root on Debian, installs) Chromium. Uses Node built-ins only,
// because it runs before anything is installed.
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, statSync} from 'node:fs';
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
