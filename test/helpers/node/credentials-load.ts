// The credentials endpoint under load: `visitors` browsers, each starting a conversation and then
// resuming it (on the next instance when there are several), against a local fake PolyAI, with
// `concurrency` requests in flight. Used by test/server/credentials-load.node.test.ts (correctness,
// bounded) and bench/node/credentials-load.bench.ts (figures for the README).
import {spawn, type ChildProcess} from 'node:child_process';
import {Agent, request} from 'node:http';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {FakeUpstream} from '../../server/credentials-fixture.js';
import type {InstanceReport} from './credentials-instance.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface LoadOptions {
  mode: 'memory' | 'sealed' | 'redis';
  instances: number;
  visitors: number;
  concurrency: number;
  redisUrl?: string;
  /** Memory mode: the store's cap. */
  maxEntries?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Anything but 200 + the visitor's own pair, one line each. */
  failures: string[];
  /** Resumes that returned a pair minted for another visitor: must be 0. */
  crossed: number;
  distinctTokens: number;
  instances: InstanceReport[];
}

interface Instance {
  child: ChildProcess;
  port: number;
}

function startInstance(options: LoadOptions, upstreamUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'credentials-instance.ts')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      LOAD_MODE: options.mode,
      LOAD_UPSTREAM_URL: upstreamUrl,
      LOAD_SECRET: 'load-test-secret-0123456789abcdefghijkl',
      LOAD_REDIS_URL: options.redisUrl ?? '',
      LOAD_MAX_ENTRIES: String(options.maxEntries ?? 10_000),
    },
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message: {port: number}) => resolve({child, port: message.port}));
    child.once('exit', (code) => reject(new Error(`credentials instance exited with ${code}`)));
  });
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply: T) => resolve(reply));
    child.send(message);
  });
}

async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => instance.child.once('exit', () => resolve()));
  instance.child.send('stop');
  await exited;
}

interface Answer {
  status: number;
  cookie: string | undefined;
  body: Record<string, unknown>;
  ms: number;
}

function post(agent: Agent, port: number, ip: string, cookie: string | undefined): Promise<Answer> {
  const body = '{"new_session":false,"streaming":false}';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
      Origin: `http://127.0.0.1:${port}`,
      'Sec-Fetch-Site': 'same-origin',
      'X-Forwarded-For': ip,
    };
    if (cookie !== undefined) headers.Cookie = cookie;
    const req = request({host: '127.0.0.1', port, path: '/', method: 'POST', agent, headers}, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          // Reported as a failure by the caller.
        }
        resolve({status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0]?.split(';')[0], body: parsed, ms: performance.now() - started});
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A distinct address per visitor: 10.x.y.z. */
function visitorIp(index: number): string {
  return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const upstream = await new FakeUpstream().start();
  const instances: Instance[] = [];
  const agent = new Agent({keepAlive: true, maxSockets: options.concurrency});
  try {
    for (let i = 0; i < options.instances; i++) instances.push(await startInstance(options, upstream.url));
    const latencies: number[] = [];
    const failures: string[] = [];
    const owner = new Map<string, number>();
    let crossed = 0;

    const visit = async (index: number): Promise<void> => {
      const ip = visitorIp(index);
      const first = instances[index % instances.length]!;
      const second = instances[(index + 1) % instances.length]!;
      const started = await post(agent, first.port, ip, undefined);
      latencies.push(started.ms);
      const token = started.body.access_token;
      if (started.status !== 200 || typeof token !== 'string' || started.cookie === undefined) {
        failures.push(`visitor ${index} start: ${started.status} ${JSON.stringify(started.body)}`);
        return;
      }
      if (owner.has(token)) crossed++;
      owner.set(token, index);
      const resumed = await post(agent, second.port, ip, started.cookie);
      latencies.push(resumed.ms);
      const again = resumed.body.access_token;
      if (typeof again === 'string' && again !== token && owner.has(again) && owner.get(again) !== index) crossed++;
      if (resumed.status !== 200 || again !== token || resumed.body.session_id !== started.body.session_id) {
        failures.push(`visitor ${index} resume: ${resumed.status} ${again === token ? 'same token' : 'another token'}`);
      }
    };

    const began = performance.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < options.visitors) await visit(next++);
    };
    await Promise.all(Array.from({length: options.concurrency}, worker));
    const seconds = (performance.now() - began) / 1000;

    const reports = await Promise.all(instances.map((instance) => ask<InstanceReport>(instance.child, 'report')));
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      seconds,
      requestsPerSecond: latencies.length / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      failures,
      crossed,
      distinctTokens: owner.size,
      instances: reports,
    };
  } finally {
    agent.destroy();
    await Promise.all(instances.map(stopInstance));
    await upstream.close();
  }
}
