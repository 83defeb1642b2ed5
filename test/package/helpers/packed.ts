// The package exactly as npm would publish it. scripts/test.mjs builds and packs once per run and
// passes the tarball as POLY_CHAT_TARBALL; run alone, a test file packs the current dist/ itself.
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A script of scripts/ (plain .mjs, untyped), imported with the type the caller states. */
export async function scriptModule<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(path.join(root, 'scripts', name)).href)) as T;
}

let scratchDir: string | undefined;
/** A temp dir for this test process. */
export function scratch(): string {
  scratchDir ??= mkdtempSync(path.join(tmpdir(), 'poly-chat-package-'));
  return scratchDir;
}

/** Packs dist/ (must be built) the way `npm publish` would; returns the tarball's path. */
export function packTarball(destination: string): string {
  if (!existsSync(path.join(root, 'dist', 'poly-chat.bundle.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  mkdirSync(destination, {recursive: true});
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {cwd: root, encoding: 'utf8'});
  const [packed] = JSON.parse(out) as [{filename: string}];
  const target = path.join(destination, 'poly-chat.tgz');
  renameSync(path.join(destination, packed.filename), target);
  return target;
}

let tarballPath: string | undefined;
export function tarball(): string {
  tarballPath ??= process.env.POLY_CHAT_TARBALL ?? packTarball(scratch());
  return tarballPath;
}

export function tarballHash(): string {
  return createHash('sha256').update(readFileSync(tarball())).digest('hex').slice(0, 12);
}

let extracted: string | undefined;
/**
 * The tarball unpacked into `<scratch>/unpacked/package`, with `<scratch>/unpacked/node_modules`
 * linked to the repo's node_modules so that `lit` resolves, as it would in an installed app.
 */
export function unpackedPackage(): string {
  if (extracted) return extracted;
  const dir = path.join(scratch(), 'unpacked');
  mkdirSync(dir, {recursive: true});
  execFileSync('tar', ['-xzf', tarball(), '-C', dir]);
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  extracted = path.join(dir, 'package');
  return extracted;
}

/** The files in the tarball, relative to the package root. */
export function tarballFiles(): string[] {
  return execFileSync('tar', ['-tzf', tarball()], {encoding: 'utf8'})
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));
}
