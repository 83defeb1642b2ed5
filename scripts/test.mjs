// `npm test`: installs what is missing, then runs every check and test headless and ends with
// one plain `N passed, N failed, N skipped` line counting tests. The checks (lint, lit-analyzer,
// type checks, the skip-reason check, the build and the pack) are counted apart on the line above
// it; a failed check also counts as a failure in the closing line, so it never reads "0 failed"
// when anything failed. `npm test -- node` / `-- browser` / `-- static` / `-- package` runs one
// group; the browser group runs in Chromium, Firefox and WebKit, one after the other, and
// `--engine firefox` (or chromium, webkit; repeatable) picks engines.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, existsSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ENGINES, ensureChromium, ensureFirefox, ensureNode, ensureNodeModules, ensureRedisServer, ensureWebKit, root} from './ensure.mjs';

await ensureNode(); // first: node modules are installed by the Node that runs the tests
ensureNodeModules();
const groups = [];
const engines = [];
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--engine') engines.push(process.argv[++i]);
  else if (arg.startsWith('--engine=')) engines.push(arg.slice('--engine='.length));
  else if (!arg.startsWith('-')) groups.push(arg);
}
for (const engine of engines) {
  if (!ENGINES.includes(engine)) {
    console.error(`poly-chat: unknown engine "${engine}"; choose from ${ENGINES.join(', ')}`);
    process.exit(2);
  }
}
if (engines.length === 0) engines.push(...ENGINES);
const wants = (group) => groups.length === 0 || groups.includes(group);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(path.join(tmpdir(), 'poly-chat-test-'));
const totals = {passed: 0, failed: 0, skipped: 0};
const failures = [];
/** Every failed test by name, printed last so a cut-off log still says what failed. */
const failedTests = [];
/** Checks (not tests): lint, analyzer, type checks, the skip check, build, pack. */
const checks = {passed: 0, failed: 0};

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, {cwd: root, stdio: 'inherit', env: {...process.env, ...env}});
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) checks.passed++;
  else {
    checks.failed++;
    failures.push(label);
  }
}

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : findFiles(full, suffix);
    return name.endsWith(suffix) ? [full] : [];
  });
}

function addCounts(label, file, exitedOk, expectedFiles = null) {
  const counts = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  if (!counts) {
    totals.failed++;
    failures.push(`${label} (runner produced no results)`);
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped ?? 0;
  for (const failure of counts.failures ?? []) failedTests.push(`${label}: ${failure.replaceAll(root + path.sep, '')}`);
  // A test file that ran no test proves nothing: it fails (node files are checked here, browser
  // files by the wtr reporter, which lists them in `empty`).
  const empty = [...(counts.empty ?? []), ...(expectedFiles ?? []).filter((file) => !(counts.files ?? []).includes(file))];
  if (expectedFiles) totals.failed += empty.length - (counts.empty?.length ?? 0);
  if (empty.length > 0) failures.push(`${label}: no test ran in ${empty.map((file) => path.relative(root, file)).join(', ')}`);
  if (counts.failed > 0 || !exitedOk) failures.push(label);
  if (!exitedOk && counts.failed === 0) totals.failed++;
}

if (wants('static')) {
  check('eslint', bin('eslint'), ['.', '--max-warnings=0']);
  check('lit-analyzer', bin('lit-analyzer'), ['src', '--strict', '--quiet']);
  check('tsc (browser code)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  check('tsc (pure core, no DOM)', bin('tsc'), ['-p', 'tsconfig.pure.json', '--noEmit']);
  check('tsc (node code)', bin('tsc'), ['-p', 'tsconfig.node.json', '--noEmit']);
  check('skips say why, no .only (scripts/check-skips.mjs)', process.execPath, ['scripts/check-skips.mjs']);
}

/** node:test over TypeScript files: the spec reporter on stdout, pass/fail counts into countsFile. */
function nodeTestArgs(files, countsFile) {
  return [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${path.join(root, 'scripts', 'count-reporter.mjs')}`,
    `--test-reporter-destination=${countsFile}`,
    ...files,
  ];
}

const nodeFiles = findFiles(path.join(root, 'test'), '.node.test.ts').sort();
if (wants('node') && nodeFiles.length > 0) {
  // Installed here, once and in the open, rather than by several test files at the same time.
  const redis = ensureRedisServer();
  if ('reason' in redis) console.log(`\npoly-chat: the Redis tests will be skipped: ${redis.reason}`);
  const files = nodeFiles;
  const countsFile = path.join(scratch, 'node.json');
  const ok = run(`node tests (${files.length} files)`, process.execPath, nodeTestArgs(files, countsFile));
  addCounts('node tests', countsFile, ok, files);
}

const ENGINE_LABELS = {chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit'};
if (wants('browser')) {
  const times = [];
  for (const engine of engines) {
    const started = Date.now();
    const countsFile = path.join(scratch, `browser-${engine}.json`);
    const env = {POLY_CHAT_ENGINE: engine, POLY_CHAT_COUNTS_FILE: countsFile};
    // Found (or installed) here, in the open, before the runner starts.
    if (engine === 'chromium') env.CHROME_PATH = ensureChromium();
    if (engine === 'firefox') env.FIREFOX_PATH = ensureFirefox();
    if (engine === 'webkit') {
      const webkit = ensureWebKit();
      Object.assign(env, {WEBKIT_DRIVER: webkit.driver, WEBKIT_MINIBROWSER: webkit.miniBrowser, XVFB_PATH: webkit.xvfb});
    }
    const ok = run(`browser tests (${ENGINE_LABELS[engine]})`, bin('wtr'), ['--config', 'web-test-runner.config.mjs'], env);
    addCounts(`browser tests (${ENGINE_LABELS[engine]})`, countsFile, ok);
    const counts = existsSync(countsFile) ? JSON.parse(readFileSync(countsFile, 'utf8')) : null;
    const summary = counts ? `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` : 'no results';
    times.push(`${ENGINE_LABELS[engine]}: ${summary} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  console.log(`\nbrowser group: ${times.join('; ')}`);
}

// The package as consumers get it: build (prints the bundle's size report), pack, then the
// package tests against the tarball: contents, SSR safety, size budget, manifest and README
// freshness, backend recipes, and every embedding example built with its own toolchain and run in
// Chromium, the plain-HTML and CMS-snippet examples in Firefox and WebKit too
// (test/package/*.package.test.ts).
if (wants('package')) {
  const started = Date.now();
  const chrome = ensureChromium();
  const firefox = ensureFirefox();
  const webkit = ensureWebKit();
  const built = run('build (npm run build)', process.execPath, ['scripts/build.mjs']);
  if (built) checks.passed++;
  else {
    checks.failed++;
    failures.push('build');
  }
  let tarball = null;
  if (built) {
    console.log('\n▶ npm pack');
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], {cwd: root, encoding: 'utf8'});
    if (packed.status === 0) {
      const [info] = JSON.parse(packed.stdout);
      tarball = path.join(scratch, info.filename);
      console.log(`${info.filename}: ${info.entryCount} files, ${info.size} bytes packed, ${info.unpackedSize} unpacked`);
      checks.passed++;
    } else {
      process.stderr.write(packed.stderr);
      checks.failed++;
      failures.push('npm pack');
    }
  }
  const packageFiles = findFiles(path.join(root, 'test', 'package'), '.package.test.ts').sort();
  if (tarball && packageFiles.length > 0) {
    const countsFile = path.join(scratch, 'package.json');
    const ok = run(
      `package tests (${packageFiles.length} files: tarball, manifest, recipes, examples in Chromium, Firefox and WebKit)`,
      process.execPath,
      nodeTestArgs(packageFiles, countsFile),
      {
        CHROME_PATH: chrome,
        FIREFOX_PATH: firefox,
        WEBKIT_DRIVER: webkit.driver,
        WEBKIT_MINIBROWSER: webkit.miniBrowser,
        XVFB_PATH: webkit.xvfb,
        POLY_CHAT_TARBALL: tarball,
      },
    );
    addCounts('package tests', countsFile, ok, packageFiles);
  }
  console.log(`\npackage group: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
if (failedTests.length > 0) console.log(`\nFailed tests:\n${failedTests.map((name) => `  ✗ ${name}`).join('\n')}`);
if (checks.passed + checks.failed > 0) console.log(`\nchecks (lint, analyzer, types, skip reasons, build, pack): ${checks.passed} passed, ${checks.failed} failed`);
console.log(`\n${totals.passed} passed, ${totals.failed + checks.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed + checks.failed > 0 ? 1 : 0);
