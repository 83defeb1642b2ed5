// Test fixture for the simulator: starts it on loopback, mints credentials over real HTTP and
// drives a real `ws` client that records every frame and can wait for one (bounded in time).
import type {IncomingMessage} from 'node:http';
import {after, afterEach, before} from 'node:test';
import {WebSocket} from 'ws';
import {startSimulator} from '../../../server/simulator/index.js';
import type {RunningSimulator, SimulatorOptions} from '../../../server/simulator/index.js';

export const CONNECTOR = {token: 'sim-connector-token', host: 'localhost'};
export const WAIT_MS = 3000;

/** A parsed server frame as the tests see it. */
export type Frame = Record<string, unknown> & {type?: string; sequence?: number | null; id?: string; payload?: Record<string, unknown>};

export interface TestSim extends RunningSimulator {
  wsUrl: string;
}

/** Fast defaults: no agent pacing, a tiny close grace. */
export async function startTestSim(options: SimulatorOptions = {}): Promise<TestSim> {
  const running = await startSimulator({agentDelayMs: 0, closeGraceMs: 5, ...options});
  return {...running, wsUrl: running.url.replace(/^http/, 'ws') + '/ws'};
}

export async function post(
  url: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{status: number; body: Record<string, unknown>; headers: Headers}> {
  const response = await fetch(url, {method: 'POST', headers, body, signal: AbortSignal.timeout(WAIT_MS)});
  const text = await response.text();
  return {status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: response.headers};
}

export async function mintToken(sim: TestSim): Promise<string> {
  const reply = await post(`${sim.url}/api/v1/access-token`, {'X-Token': CONNECTOR.token, 'X-Host': CONNECTOR.host, 'Content-Type': 'application/json'}, '{}');
  if (reply.status !== 200) throw new Error(`access-token ${reply.status}`);
  return String(reply.body.access_token);
}

export async function createSession(sim: TestSim, token: string, body: unknown = {}): Promise<string> {
  const reply = await post(
    `${sim.url}/api/v1/sessions`,
    {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'},
    JSON.stringify(body),
  );
  if (reply.status !== 200) throw new Error(`sessions ${reply.status}`);
  return String(reply.body.session_id);
}

export interface Credentials {
  token: string;
  sessionId: string;
}

export async function newSession(sim: TestSim, streaming = false): Promise<Credentials> {
  const token = await mintToken(sim);
  return {token, sessionId: await createSession(sim, token, {streaming_enabled: streaming})};
}

export function socketUrl(sim: TestSim, creds: Credentials, cursor?: string | number): string {
  const query = new URLSearchParams({session_id: creds.sessionId, access_token: creds.token});
  if (cursor !== undefined) query.set('cursor', String(cursor));
  return `${sim.wsUrl}?${query}`;
}

/** Flattens batches into their nested events (the client's view of the stream). */
export function flatten(frames: readonly Frame[]): Frame[] {
  return frames.flatMap((frame) =>
    frame.type === 'EVENT_TYPE_EVENT_BATCH' ? ((frame.payload?.events ?? []) as Frame[]) : [frame],
  );
}

export class SimClient {
  readonly frames: Frame[] = [];
  /** Raw text of every text frame, for byte-level comparisons. */
  readonly raw: string[] = [];
  readonly binaryFrames: Buffer[] = [];
  readonly closed: Promise<{code: number; reason: string}>;
  private waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.binaryFrames.push(data);
      else {
        const text = data.toString('utf8');
        this.raw.push(text);
        try {
          this.frames.push(JSON.parse(text) as Frame);
        } catch {
          this.frames.push({unparsable: text});
        }
      }
      this.waiters.forEach((wake) => wake());
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({code, reason: reason.toString()});
        this.waiters.forEach((wake) => wake());
      });
    });
    ws.on('error', () => undefined);
  }

  static async connect(url: string): Promise<SimClient> {
    const ws = new WebSocket(url, {handshakeTimeout: WAIT_MS});
    const client = new SimClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res: IncomingMessage) => reject(new Error(`handshake ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return client;
  }

  /** Every event seen, batches flattened. */
  get events(): Frame[] {
    return flatten(this.frames);
  }

  ofType(type: string): Frame[] {
    return this.events.filter((event) => event.type === type);
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  join(): void {
    this.send({type: 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN', payload: {}});
  }

  say(text: string, custom?: Record<string, string>): void {
    this.send({type: 'EVENT_TYPE_USER_MESSAGE', payload: {text}, ...(custom ? {metadata: {custom}} : {})});
  }

  /** Resolves once `predicate` holds for the recorded frames; rejects after `timeoutMs`. */
  waitFor(predicate: (client: SimClient) => boolean, what = 'condition', timeoutMs = WAIT_MS): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        if (!predicate(this)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; saw ${this.events.map((e) => e.type).join(', ')}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      this.waiters.add(wake);
    });
  }

  /** Waits until `count` events of `type` were seen. */
  waitForType(type: string, count = 1): Promise<void> {
    return this.waitFor((client) => client.ofType(type).length >= count, `${count}× ${type}`);
  }

  /** Joined and greeted: the greeting is complete. */
  async joinAndWaitForGreeting(): Promise<void> {
    this.join();
    await this.waitFor(
      (client) =>
        client.events.some(
          (e) =>
            e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE' ||
            (e.type === 'EVENT_TYPE_POLY_AGENT_MESSAGE_CHUNK' && e.payload?.is_complete === true),
        ),
      'greeting',
    );
  }

  /** The close code and reason; rejects if the socket is still open after `timeoutMs`. */
  waitClosed(timeoutMs = WAIT_MS): Promise<{code: number; reason: string}> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.closed, timeout]).finally(() => clearTimeout(timer));
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.terminate();
    await this.closed;
  }
}

export type HandshakeOutcome =
  | {kind: 'http'; status: number; body: Record<string, unknown>; retryAfter: string | undefined}
  | {kind: 'aborted'}
  | {kind: 'open'};

/** Attempts a handshake and reports the HTTP status of a refusal (via `unexpected-response`). */
export function tryHandshake(url: string): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, {handshakeTimeout: WAIT_MS});
    ws.once('open', () => {
      ws.terminate();
      resolve({kind: 'open'});
    });
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => {
        const header = res.headers['retry-after'];
        resolve({
          kind: 'http',
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>,
          retryAfter: Array.isArray(header) ? header[0] : header,
        });
      });
    });
    ws.once('error', () => resolve({kind: 'aborted'}));
  });
}

/** Reassembles a streamed reply from chunk events (chunk_index order). */
export function reassemble(chunks: readonly Frame[]): {text: string; complete: boolean; suggestions: unknown[]; attachments: unknown[]} {
  const sorted = [...chunks].sort((a, b) => Number(a.payload?.chunk_index) - Number(b.payload?.chunk_index));
  return {
    text: sorted.map((c) => String(c.payload?.text ?? '')).join(''),
    complete: sorted.some((c) => c.payload?.is_complete === true),
    suggestions: sorted.flatMap((c) => (c.payload?.response_suggestions ?? []) as unknown[]),
    attachments: sorted.flatMap((c) => (c.payload?.attachments ?? []) as unknown[]),
  };
}

/** One simulator for a test file, reset between tests, with the sockets a test opened closed after it. */
export interface SimFixture {
  /** The running simulator (from the file's `before` hook on). */
  readonly sim: TestSim;
  /** Opens a socket for `creds` (optionally resuming after `cursor`), closed after the test. */
  connect(creds: Credentials, cursor?: string | number): Promise<SimClient>;
  /** Closes `client` after the test too. */
  track(client: SimClient): SimClient;
}

/** Registers the file's hooks: start before, reset and close sockets after each test, stop after. */
export function useTestSim(options: SimulatorOptions = {}): SimFixture {
  let running: TestSim | undefined;
  const clients: SimClient[] = [];
  before(async () => {
    running = await startTestSim(options);
  });
  afterEach(async () => {
    running?.simulator.control({command: 'reset'});
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  after(() => running?.close());
  const fixture: SimFixture = {
    get sim(): TestSim {
      if (running === undefined) throw new Error('the simulator starts in the before hook');
      return running;
    },
    async connect(creds, cursor) {
      return fixture.track(await SimClient.connect(socketUrl(fixture.sim, creds, cursor)));
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
  return fixture;
}
