// Nothing disappears silently: every skipped or todo test in test/ carries its reason in a comment
// on the same line or up to 12 lines above it (`// engine: …` for one browser engine, `// skip: …` otherwise,
// `// todo: …`), and no test file uses `.only`. Run by `npm test -- static`; exits 1 with the sites.
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Ways a test is skipped or left to do: `itExcept(` (one engine), `.skip(`, `this.skip()`, `{skip: …}` / `skip,`, `.todo(`, `{todo: …}`. */
const SKIP = /\bitExcept\s*\(|\.skip\s*\(|\bthis\.skip\s*\(|[{,]\s*skip\s*[:,}]|\.todo\s*\(|[{,]\s*todo\s*[:,}]/;
const ONLY = /\b(?:it|test|describe|suite)\.only\s*\(|[{,]\s*only\s*:\s*true/;
const REASON = /\/\/\s*(?:engine|skip|todo):\s*\S/;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.test\.ts$/.test(name) ? [full] : [];
  });
}

const problems = [];
for (const file of filesUnder(path.join(root, 'test'))) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, index) => {
    const code = line.replace(/\/\/.*$/, '');
    const where = `${path.relative(root, file)}:${index + 1}`;
    if (ONLY.test(code)) problems.push(`${where}: .only would silence every other test`);
    if (!SKIP.test(code)) return;
    const nearby = lines.slice(Math.max(0, index - 12), index + 1);
    if (!nearby.some((candidate) => REASON.test(candidate))) problems.push(`${where}: a skip without a "// engine: …" / "// skip: …" reason comment`);
  });
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('every skipped test says why; no .only');
