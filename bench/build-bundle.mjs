// Builds the bundle the bench loads: exactly the shipped dist/poly-chat.bundle.js (vite.config.ts,
// `--mode bundle`: minified ES module, lit's 'production' build, lazy chunks next to it), written
// to another directory so the bench never touches dist/.
// `node bench/build-bundle.mjs [outDir]` (default node_modules/.cache/poly-chat-bench/poly, outside
// the linted tree). bench/run.mjs builds with it unless given --bundle <dir>.
import {build} from 'vite';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync, brotliCompressSync, constants} from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildBundle(outDir = path.join(root, 'node_modules', '.cache', 'poly-chat-bench', 'poly')) {
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    mode: 'bundle',
    logLevel: 'warn',
    build: {outDir, emptyOutDir: true},
  });
  return outDir;
}

export function sizes(file) {
  const data = readFileSync(file);
  return {
    raw: data.length,
    gzip: gzipSync(data, {level: 9}).length,
    brotli: brotliCompressSync(data, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = await buildBundle(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  for (const name of readdirSync(out).sort()) {
    const file = path.join(out, name);
    if (!statSync(file).isFile() || !name.endsWith('.js')) continue;
    const s = sizes(file);
    console.log(
      `${name.padEnd(32)} raw ${String(s.raw).padStart(7)}  gzip ${String(s.gzip).padStart(6)}  brotli ${String(s.brotli).padStart(6)}`
    );
  }
}
