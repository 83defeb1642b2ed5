// Builds the production bundle the bench loads and prints the size of every file: vite library mode,
// ES module, minified, lit's 'production' export condition, lazy chunks next to the bundle (the
// session chunk, one per non-English language) — the shape dist/poly-chat.bundle.js should have.
// `node bench/build-bundle.mjs [outDir]` (default node_modules/.cache/poly-chat-bench/poly, outside
// the linted tree). bench/run.mjs builds with it unless given --bundle <dir>.
//
// Two options matter for the size and are proposed for the packaging build (vite.config.ts):
// preserveEntrySignatures 'allow-extension' (code shared by the bundle and its chunks stays in the
// bundle instead of a third file both import) and the minify-literals plugin (./minify-literals.mjs).
import {build} from 'vite';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gzipSync, brotliCompressSync, constants} from 'node:zlib';
import {minifyLiteralsPlugin} from './minify-literals.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildBundle(outDir = path.join(root, 'node_modules', '.cache', 'poly-chat-bench', 'poly')) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    plugins: [minifyLiteralsPlugin()],
    resolve: {conditions: ['production']},
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: process.env.SOURCEMAP ? 'hidden' : false,
      lib: {entry: path.join(root, 'src', 'poly-chat.ts'), formats: ['es'], fileName: () => 'poly-chat.bundle.js'},
      rolldownOptions: {preserveEntrySignatures: 'allow-extension', output: {minify: true}},
    },
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
