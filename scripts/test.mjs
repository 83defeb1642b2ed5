// `npm test`: installs what is missing, then runs every check and test headless and ends with
// one plain `N passed, N failed, N skipped` line counting tests. The checks (lint, lit-analyzer,
// type checks, the skip-reason check, the build and the pack) are counted apart on the line above
// it; a failed check also counts as a failure in the closing line, so it never reads "0 failed"
// when anything failed. `npm test -- node` / `-- browser` / `-- static` / `-- package` runs one group.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync, existsSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {ensureChromium, ensureNodeModules, ensureRedisServer, root} from './ensure.mjs';

ensureNodeModules();
const groups = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const wants = (group) => groups.length === 0 || groups.includes(group);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const scratch = mkdtempSync(path.join(tmpdir(), 'poly-chat-test-'));
const totals = {passed: 0, failed: 0, skipped: 0};
const failures = [];
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

if (wants('browser')) {
  const chrome = ensureChromium();
  const countsFile = path.join(scratch, 'browser.json');
  const ok = run('browser tests (headless Chromium)', bin('wtr'), ['--config', 'web-test-runner.config.mjs'], {
    CHROME_PATH: chrome,
    POLY_CHAT_COUNTS_FILE: countsFile,
  });
  addCounts('browser tests', countsFile, ok);
}

// The package as consumers get it: build (prints the bundle's size report), pack, then the
// package tests against the tarball: contents, SSR safety, size budget, manifest and README
// freshness, backend recipes, and every embedding example built with its own toolchain and run in
// Chromium (test/package/*.package.test.ts).
if (wants('package')) {
  const started = Date.now();
  const chrome = ensureChromium();
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
      `package tests (${packageFiles.length} files: tarball, manifest, recipes, examples in Chromium)`,
      process.execPath,
      nodeTestArgs(packageFiles, countsFile),
      {CHROME_PATH: chrome, POLY_CHAT_TARBALL: tarball},
    );
    addCounts('package tests', countsFile, ok, packageFiles);
  }
  console.log(`\npackage group: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
if (checks.passed + checks.failed > 0) console.log(`\nchecks (lint, analyzer, types, skip reasons, build, pack): ${checks.passed} passed, ${checks.failed} failed`);
console.log(`\n${totals.passed} passed, ${totals.failed + checks.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed + checks.failed > 0 ? 1 : 0);
