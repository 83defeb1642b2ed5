// Shared by the credentials-*.node.test.ts files: a fake PolyAI upstream that records what it is
// sent, the handler mounted on a real loopback server, and a raw HTTP client (fetch would add its
// own content type and hide Set-Cookie details).
import type {IncomingHttpHeaders, IncomingMessage, Server, ServerResponse} from 'node:http';
import {createServer, request} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach} from 'node:test';
import type {CredentialsHandlerOptions} from '../../server/credentials/index.js';
import {createCredentialsHandler} from '../../server/credentials/index.js';

export const CONNECTOR_TOKEN = 'CONNECTOR-SECRET-123';
export const X_HOST = 'www.example.com';
export const START_TIME = 1_700_000_000_000;
export const ACCESS_TOKEN_PATH = '/api/v1/access-token';
export const SESSIONS_PATH = '/api/v1/sessions';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One scripted upstream answer; `body` objects are sent as JSON, strings verbatim. */
export type UpstreamReply =
  | {status: number; body?: unknown; headers?: Record<string, string>}
  | {hang: true}
  | {destroy: true}
  /** Answers with success only once `hold` resolves. */
  | {hold: Promise<void>};

export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A port that was just free: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await closeServer(server);
  return url;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** PolyAI's two REST calls, answering from per-path scripts, then with fresh tokens and sessions. */
export class FakeUpstream {
  readonly requests: RecordedRequest[] = [];
  readonly #scripts = new Map<string, UpstreamReply[]>();
  readonly #server = createServer((req, res) => void this.#handle(req, res));
  readonly #waiters: {count: number; resolve: () => void}[] = [];
  #tokens = 0;
  #sessions = 0;
  url = '';

  async start(): Promise<this> {
    this.url = await listen(this.#server);
    return this;
  }

  close(): Promise<void> {
    return closeServer(this.#server);
  }

  /** Queues replies for `path`, used one per request before falling back to success. */
  script(path: string, ...replies: UpstreamReply[]): void {
    this.#scripts.set(path, [...(this.#scripts.get(path) ?? []), ...replies]);
  }

  /** Resolves once `count` requests have arrived in all. */
  received(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({count, resolve}));
  }

  /** Requests to `path` so far. */
  calls(path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    this.requests.push({method: req.method ?? '', path, headers: req.headers, body: await readBody(req)});
    for (const waiter of this.#waiters.filter((w) => this.requests.length >= w.count)) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const scripted = this.#scripts.get(path)?.shift() ?? this.#success(path);
    if ('hold' in scripted) await scripted.hold;
    const reply = 'hold' in scripted ? this.#success(path) : scripted;
    if ('hang' in reply) return;
    if ('destroy' in reply) {
      req.socket.destroy();
      return;
    }
    const text = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
    res.writeHead(reply.status, {'Content-Type': 'application/json', ...reply.headers});
    res.end(text);
  }

  #success(path: string): Exclude<UpstreamReply, {hold: Promise<void>}> {
    if (path === ACCESS_TOKEN_PATH) {
      return {status: 200, body: {access_token: `tok-${++this.#tokens}`, expires_in: 86400, token_type: 'Bearer'}};
    }
    if (path === SESSIONS_PATH) return {status: 200, body: {session_id: `sess-${++this.#sessions}`}};
    return {status: 404, body: {message: 'not found'}};
  }
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as a JSON object ({} when it is not one). */
  json: Record<string, unknown>;
}

export interface RequestInit {
  method?: string;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; `chunks` are written one by one without a Content-Length. */
  body?: unknown;
  chunks?: string[];
}

/** A plain HTTP request over loopback; resolves with the whole response. */
export function send(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const headers: Record<string, string> = {...init.headers};
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request(url, {method: init.method ?? 'POST', headers}, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          const parsed: unknown = JSON.parse(text);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
        } catch {
          // Left as {}: the assertion on `json` will say what was missing.
        }
        resolve({status: res.statusCode ?? 0, headers: res.headers, text, json});
      });
    });
    req.on('error', reject);
    for (const chunk of init.chunks ?? []) req.write(chunk);
    req.end(body);
  });
}

/** POST a credentials request the way the element does. */
export function postCredentials(url: string, body: unknown, cookie?: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return send(url, {
    body,
    headers: {'Content-Type': 'application/json', ...(cookie === undefined ? {} : {Cookie: cookie}), ...headers},
  });
}

/** `name=value` of the first Set-Cookie, ready to send back as a Cookie header. */
export function cookieOf(result: HttpResult): string {
  const setCookie = result.headers['set-cookie']?.[0];
  if (setCookie === undefined) throw new Error(`no Set-Cookie in response ${result.status} ${result.text}`);
  return setCookie.split(';')[0] ?? '';
}

export interface Harness {
  upstream: FakeUpstream;
  url: string;
  logs: string[];
  sleeps: number[];
  clock: {now: number};
  close(): Promise<void>;
}

/** What a second instance shares with the first: PolyAI and the time. */
export interface SharedWorld {
  upstream: FakeUpstream;
  clock: {now: number};
}

/**
 * The handler on a loopback server against a fresh FakeUpstream, with a settable clock, captured
 * log lines and instant recorded sleeps. `options` override the defaults. With `shared`, another
 * instance against that upstream and clock (closing it leaves them to their owner).
 */
export async function startHarness(
  options: Partial<CredentialsHandlerOptions> = {},
  wrap?: (handler: ReturnType<typeof createCredentialsHandler>) => (req: IncomingMessage, res: ServerResponse) => void,
  shared?: SharedWorld,
): Promise<Harness> {
  const upstream = shared?.upstream ?? (await new FakeUpstream().start());
  const logs: string[] = [];
  const sleeps: number[] = [];
  const clock = shared?.clock ?? {now: START_TIME};
  const handler = createCredentialsHandler({
    baseUrl: upstream.url,
    connectorToken: CONNECTOR_TOKEN,
    host: X_HOST,
    logger: {warn: (m) => logs.push(`warn: ${m}`), error: (m) => logs.push(`error: ${m}`)},
    now: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  const server = createServer(wrap ? wrap(handler) : (req, res) => void handler(req, res));
  const url = await listen(server);
  let closed = false;
  return {
    upstream,
    url,
    logs,
    sleeps,
    clock,
    async close() {
      if (closed) return;
      closed = true;
      await closeServer(server);
      await handler.close();
      if (shared === undefined) await upstream.close();
    },
  };
}

/**
 * `start` for a test file: each call is startHarness, and every harness started in a test is
 * closed after it (newest first, so instances go before the first one, which owns the upstream).
 */
export function useHarnesses(): typeof startHarness {
  const started: Harness[] = [];
  afterEach(async () => {
    for (const harness of started.splice(0).reverse()) await harness.close();
  });
  return async (...args) => {
    const harness = await startHarness(...args);
    started.push(harness);
    return harness;
  };
}
