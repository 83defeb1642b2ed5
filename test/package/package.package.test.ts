// The package as npm would publish it (the packed tarball): its manifest, its files, the shape of
// each build output, SSR safety of the built entry points, and the standalone bundle's size budget.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {describe, it} from 'node:test';
import {promisify} from 'node:util';
import {root, scriptModule, tarballFiles, unpackedPackage} from './helpers/packed.js';

interface PackageJson {
  name: string;
  version: string;
  type: string;
  main: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  sideEffects: string[];
  customElements: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  private?: boolean;
}

const pkgDir = (): string => unpackedPackage();
const read = (file: string): string => readFileSync(path.join(pkgDir(), file), 'utf8');
const pkg = (): PackageJson => JSON.parse(read('package.json')) as PackageJson;
const distJs = (): string[] =>
  readdirSync(path.join(pkgDir(), 'dist'), {recursive: true, encoding: 'utf8'})
    .filter((name) => name.endsWith('.js') && !name.startsWith('server'))
    .map((name) => `dist/${name}`);

/** Runs an ES module snippet in a fresh Node process (no DOM) from the unpacked package's folder. */
async function inNode(code: string): Promise<unknown> {
  const {stdout} = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], {cwd: pkgDir()});
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('package.json', () => {
  it('is a public 0.x ES module package with exports, types, files, sideEffects and customElements', () => {
    const manifest = pkg();
    assert.equal(manifest.name, 'poly-chat');
    assert.match(manifest.version, /^0\.\d+\.\d+/, 'the version stays 0.x (see the stability policy)');
    assert.equal(manifest.private, undefined);
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.types, './dist/index.d.ts');
    assert.deepEqual(manifest.sideEffects, ['./dist/poly-chat.js', './dist/poly-chat.bundle.js'], 'only the define module and the bundle have side effects');
    assert.equal(manifest.customElements, 'custom-elements.json');
    assert.ok(manifest.dependencies.lit, 'lit is a dependency (deduplicated with the app), not bundled');
    assert.deepEqual(Object.keys(manifest.exports).sort(), [
      '.',
      './custom-elements.json',
      './package.json',
      './poly-chat.bundle.js',
      './poly-chat.js',
      './react',
      './server',
      './svelte',
      './vue',
    ]);
  });

  it('every file named by exports, main, types and customElements is in the tarball', () => {
    const files = new Set(tarballFiles());
    const manifest = pkg();
    const targets = [manifest.main, manifest.types, manifest.customElements];
    for (const target of Object.values(manifest.exports)) targets.push(...(typeof target === 'string' ? [target] : Object.values(target)));
    for (const target of targets) assert.ok(files.has(target.replace(/^\.\//, '')), `${target} is missing from the tarball`);
  });

  it('the tarball holds the built package and docs, not sources, tests, examples or sourcemaps', () => {
    const files = tarballFiles();
    for (const required of ['README.md', 'LICENSE', 'CHANGELOG.md', 'custom-elements.json', 'dist/index.d.ts', 'dist/poly-chat.d.ts', 'dist/server/index.d.ts']) {
      assert.ok(files.includes(required), `${required} is missing`);
    }
    const unwanted = files.filter((file) => /^(src|test|server|examples|scripts|demo|bench|typings)\/|\.map$|\.tgz$|^tsconfig/.test(file));
    assert.deepEqual(unwanted, []);
  });
});

describe('build outputs', () => {
  it('the npm entry points keep lit external and only the define module defines the element', () => {
    for (const file of distJs().filter((name) => name !== 'dist/poly-chat.bundle.js')) {
      const code = read(file);
      assert.ok(!code.includes('litHtmlVersions'), `${file} must not inline lit`);
      if (file === 'dist/poly-chat.js') assert.match(code, /customElements\.define\(/);
      else assert.doesNotMatch(code, /customElements\.define\(/, `${file} must be side-effect free`);
    }
    const index = read('dist/index.js') + distJs().filter((name) => name.startsWith('dist/chunks/')).map(read).join('\n');
    assert.match(index, /from\s*["']lit["']/, 'lit is imported by bare specifier');
    assert.match(index, /from\s*["']@lit\/context["']/, '@lit/context is imported by bare specifier');
  });

  it('dist/poly-chat.bundle.js is one self-contained, minified, production ES module that defines <poly-chat> when absent', () => {
    const bundle = read('dist/poly-chat.bundle.js');
    assert.doesNotMatch(bundle, /\bfrom\s*["'`]|\bimport\s*["'`]/, 'no static imports: lit and everything the element needs at once are inlined');
    assert.equal(bundle.match(/litHtmlVersions/g)?.length, 1, 'lit-html is inlined once');
    assert.ok(!bundle.includes('Lit is in dev mode'), "lit's production build");
    assert.ok(!bundle.includes('process.env'), 'nothing that only exists in Node');
    assert.match(bundle, /customElements\.get\(["'`]poly-chat["'`]\)/, 'the define is guarded');
    assert.match(bundle, /export\s*\{/, 'an ES module that also exports the API');
    assert.ok(!/\n\s*\/\/ src\//.test(bundle) && !bundle.includes('@license'), 'minified, comments stripped');
  });

  it("the bundle's lazy chunks sit next to it in the tarball, import only the bundle and each other, never a second lit", () => {
    const files = new Set(tarballFiles());
    const specifiers = (code: string): string[] =>
      [...code.matchAll(/\bfrom\s*["'`]([^"'`]+)["'`]|\bimport\s*\(?\s*["'`]([^"'`]+)["'`]/g)].map((match) => (match[1] ?? match[2])!);
    // Walk the import graph from the bundle: every file it can load must ship next to it.
    const reached = new Set<string>();
    const queue = ['poly-chat.bundle.js'];
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (reached.has(file)) continue;
      reached.add(file);
      assert.ok(files.has(`dist/${file}`), `dist/${file} is in the tarball`);
      for (const specifier of specifiers(read(`dist/${file}`))) {
        assert.match(specifier, /^\.\/poly-chat\.bundle(\.[\w-]+)?\.js$/, `${file} imports ${specifier}: only the bundle's own files, named poly-chat.bundle.<name>-<hash>.js`);
        queue.push(specifier.slice(2));
      }
      if (file !== 'poly-chat.bundle.js') assert.ok(!read(`dist/${file}`).includes('litHtmlVersions'), `${file} shares the bundle's lit`);
    }
    const shipped = [...files].filter((file) => /^dist\/poly-chat\.bundle\..+\.js$/.test(file)).map((file) => file.slice('dist/'.length));
    assert.deepEqual(shipped.sort(), [...reached].filter((file) => file !== 'poly-chat.bundle.js').sort(), 'every shipped chunk is reachable from the bundle');
  });

  it('the framework typings ship next to the entry points', () => {
    assert.match(read('dist/vue.d.ts'), /interface GlobalComponents[\s\S]*'poly-chat'/);
    assert.match(read('dist/svelte.d.ts'), /interface SvelteHTMLElements[\s\S]*'poly-chat'/);
    assert.match(read('dist/react.d.ts'), /declare module 'react'[\s\S]*interface IntrinsicElements[\s\S]*'poly-chat'/);
    assert.match(read('dist/poly-chat.d.ts'), /interface HTMLElementTagNameMap[\s\S]*'poly-chat': PolyChat/);
  });
});

describe('SSR safety of the built entry points (Node, no DOM)', () => {
  it('importing poly-chat (dist/index.js) throws nothing and defines nothing', async () => {
    const result = await inNode(`
      const api = await import('./dist/index.js');
      console.log(JSON.stringify({
        exports: ['PolyChat', 'PolyChatMessageEvent', 'PolyChatStatusChangeEvent', 'PolyChatErrorEvent', 'PolyChatEndEvent'].every((name) => typeof api[name] === 'function'),
        defined: globalThis.customElements?.get('poly-chat') !== undefined,
        window: typeof window,
        document: typeof document,
      }));`);
    assert.deepEqual(result, {exports: true, defined: false, window: 'undefined', document: 'undefined'});
  });

  it('importing the define module (dist/poly-chat.js) throws nothing, twice', async () => {
    const result = await inNode(`
      const first = await import('./dist/poly-chat.js');
      const again = await import('./dist/poly-chat.js?again');
      console.log(JSON.stringify({ok: typeof first.PolyChat === 'function' && typeof again.PolyChat === 'function', document: typeof document}));`);
    assert.deepEqual(result, {ok: true, document: 'undefined'});
  });

  it('poly-chat/server imports in Node and exposes the handler', async () => {
    const result = await inNode(`
      const server = await import('./dist/server/index.js');
      console.log(JSON.stringify(Object.keys(server).sort()));`);
    assert.deepEqual(result, ['MemoryConversationStore', 'createCredentialsHandler', 'credentialsOptionsFromEnv', 'redisConversationStore']);
  });

  it('Redis is optional: only poly-chat/server names it, as a lazy import() and an optional peer; the browser code never', () => {
    const manifest = pkg() as PackageJson & {peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, {optional?: boolean}>};
    assert.equal(manifest.dependencies.redis, undefined);
    assert.ok(manifest.peerDependencies?.redis && manifest.peerDependenciesMeta?.redis?.optional === true);
    const serverFiles = readdirSync(path.join(pkgDir(), 'dist', 'server')).filter((name) => name.endsWith('.js'));
    const naming = serverFiles.filter((name) => /['"]redis['"]/.test(read(`dist/server/${name}`)));
    assert.deepEqual(naming, ['redis-from-url.js']);
    assert.doesNotMatch(read('dist/server/redis-from-url.js'), /\bfrom\s*['"]redis['"]|^import\s*['"]redis['"]/m, 'no static import');
    assert.match(read('dist/server/redis-from-url.js'), /import\(['"]redis['"]\)/);
    for (const file of distJs()) assert.doesNotMatch(read(file), /['"]redis['"]|@redis\//, `${file} must not reach Redis`);
  });
});

describe('bundle size', () => {
  interface Part {
    part: string;
    bytes: number;
  }
  interface Sizes {
    raw: number;
    gzip: number;
    brotli: number;
  }
  interface SizeReport extends Sizes {
    budgetGzip: number;
    openChat: Sizes & {budgetGzip: number};
    parts: Part[];
    chunks: (Sizes & {file: string; parts: Part[]})[];
    total: Sizes & {parts: Part[]};
  }
  const sizeReport = async (): Promise<{report: (file: string) => SizeReport; format: (report: SizeReport) => string}> =>
    scriptModule('size-report.mjs');
  const sum = (parts: Part[]): number => parts.reduce((total, part) => total + part.bytes, 0);

  it('the size report charges every byte of the minified bundle and its chunks to a part (lit, @lit/context, src/<dir>)', async () => {
    const {report, format} = await sizeReport();
    // The published files have no sourcemaps: measure dist/, which the package group just built and packed.
    const result = report(path.join(root, 'dist', 'poly-chat.bundle.js'));
    console.log(format(result).replace(/^/gm, '  '));
    assert.equal(sum(result.parts), result.raw, "the bundle's parts add up to the file");
    for (const chunk of result.chunks) assert.equal(sum(chunk.parts), chunk.raw, `${chunk.file}: the parts add up to the file`);
    const parts = new Map(result.total.parts.map((part) => [part.part, part.bytes]));
    for (const part of ['lit', '@lit/context', 'src/element', 'src/view', 'src/protocol', 'src/machine', 'src/runtime', 'src/transport']) {
      assert.ok((parts.get(part) ?? 0) > 0, `${part} is reported`);
    }
    assert.ok((parts.get('(unmapped)') ?? 0) < result.total.raw * 0.02, 'less than 2% of the bytes are unattributed');
  });

  it('dist/poly-chat.bundle.js (what the script tag loads) stays within the gzip budget (25 KB)', async () => {
    const {report} = await sizeReport();
    const result = report(path.join(pkgDir(), 'dist', 'poly-chat.bundle.js'));
    assert.ok(
      result.gzip <= result.budgetGzip,
      `dist/poly-chat.bundle.js is ${result.gzip} B gzip, over the ${result.budgetGzip} B budget (npm run build prints what each part costs)`,
    );
  });

  it('an open chat (the bundle and its session chunk) stays within its regression budget', async () => {
    const {report} = await sizeReport();
    const result = report(path.join(pkgDir(), 'dist', 'poly-chat.bundle.js'));
    assert.ok(result.openChat.gzip > result.gzip, 'the session chunk is found next to the bundle');
    assert.ok(
      result.openChat.gzip <= result.openChat.budgetGzip,
      `bundle + session chunk is ${result.openChat.gzip} B gzip, over the ${result.openChat.budgetGzip} B budget (npm run build prints what each part costs)`,
    );
  });
});
