// A throwaway redis-server for the Redis tests: Debian's binary (installed on first use by
// scripts/ensure.mjs, like Chromium), on a free loopback port, no persistence, stopped after.
import {spawn, type ChildProcess} from 'node:child_process';
import {createServer} from 'node:net';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

type Ensured = {path: string} | {reason: string};

let ensured: Promise<Ensured> | undefined;
/** The redis-server binary, or why there is none; installs it once per process when it can. */
export function findRedisServer(): Promise<Ensured> {
  ensured ??= import(pathToFileURL(path.join(root, 'scripts', 'ensure.mjs')).href).then(
    (module: {ensureRedisServer: () => Ensured}) => module.ensureRedisServer(),
  );
  return ensured;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts redis-server; resolves once it accepts connections, rejects with its output if it exits. */
function launch(binary: string, port: number): Promise<ChildProcess> {
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.off('exit', onExit);
        resolve(child);
      }
    };
    const onExit = (code: number | null): void => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`));
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
}

/** A running redis-server, or the reason one cannot run here (the tests then skip with it). */
export async function startRedisServer(): Promise<RedisServer | {skip: string}> {
  const found = await findRedisServer();
  if ('reason' in found) return {skip: found.reason};
  // The port was free a moment ago; another process may take it first, so try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      const child = await launch(found.path, port);
      return {
        url: `redis://127.0.0.1:${port}`,
        stop: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}
