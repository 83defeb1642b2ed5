// The bench's loopback servers: a node:http static server for the pages and bundles (and a
// credentials endpoint and the history over HTTP), and a `ws` WebSocket server that speaks enough PolyAI Messaging for both widgets: on connect it replays the
// scenario's history as ONE EVENT_TYPE_EVENT_BATCH; a USER_MESSAGE is echoed, and "stream N" is
// answered with THINKING + N chunks sent back to back (as fast as the socket takes them).
import {createServer} from 'node:http';
import {readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {WebSocketServer} from 'ws';
import {historyBatch, streamFrames} from './scenario.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Scenario from the session id: `<widget>-hist-<messages>-<run>` or `<widget>-stream-<chunks>-<run>`
 * (a stream session starts with a short history and streaming on; a `nextpage` session is a history),
 * optionally followed by
 * `-<id shape>` (bench/ids.mjs; random by default) and `-<text workload>` (bench/scenario.mjs; rich
 * by default).
 */
export function parseSession(sessionId) {
  const match = /^[a-z]+-(hist|stream|connect|nextpage)-(\d+)-[a-z0-9]+(?:-(random|colliding))?(?:-(rich|plain))?$/.exec(sessionId ?? '');
  if (!match || match[1] === 'connect') return {kind: 'hist', size: 10, ids: 'random', text: 'rich'};
  // The next page's conversation is a history like any other (replayed on each page's socket).
  const kind = match[1] === 'nextpage' ? 'hist' : match[1];
  return {kind, size: Number(match[2]), ids: match[3] ?? 'random', text: match[4] ?? 'rich'};
}

/**
 * Built histories by scenario: every session of a scenario (either widget, any run) gets the same
 * bytes, built once (prepareHistory, before the runs), so no page's timed window holds the bench server building and
 * serialising thousands of events on the CPUs the browser needs, which a real server would not do.
 */
const histories = new Map();

function historyKey({kind, size, ids, text}) {
  return `bench-${kind}-${kind === 'hist' ? size : 10}-${ids}-${text}`;
}

/** Builds (once) the history of a scenario, {kind, size, ids, text} as parseSession() gives them. */
export function prepareHistory({kind, size, ids = 'random', text = 'rich'}) {
  const scenario = {kind, size, ids, text};
  const key = historyKey(scenario);
  let history = histories.get(key);
  if (!history) {
    history = historyBatch(key, kind === 'hist' ? size : 10, {streaming: kind === 'stream', ids, text});
    histories.set(key, history);
  }
  return history;
}

/** The history a session replays on connect (also served over HTTP, GET /history, for deep-chat). */
const sessionHistory = (sessionId) => prepareHistory(parseSession(sessionId));

/** A hashed chunk (`poly-chat.bundle.<name>-<hash>.js`) never changes under its name: cached for good, as a CDN serves it. */
const HASHED_CHUNK = /\.bundle\.[\w-]+-[\w-]{8}\.js$/;
export const cacheControlOf = (file) => (HASHED_CHUNK.test(file) ? 'public, max-age=31536000, immutable' : 'no-store');

/**
 * mounts: {urlPrefix: directory}. Resolves to {port, close()}. `latencyMs` delays every HTTP answer
 * and WebSocket upgrade (a network round trip on loopback); `credentialsMs` is the credentials
 * endpoint's own time on top (a host backend asking PolyAI for a token).
 *
 * `POST /credentials?session=<id>`: the host's credentials endpoint (contract §4), answering
 * `{access_token, session_id, base_url}` for this server's /ws.
 * `GET /history?session=<id>`: the very EVENT_TYPE_EVENT_BATCH frame the socket replays for that
 * session, as an HTTP answer (how a page hands a history to deep-chat's `loadHistory`).
 */
export async function startServers(mounts, {latencyMs = 0, credentialsMs = 0} = {}) {
  const delay = (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
  const http = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    await delay(latencyMs);
    if (url.pathname === '/credentials' && req.method === 'POST') {
      req.resume(); // the JSON body, {new_session, streaming}: read and dropped
      await new Promise((resolve) => req.on('end', resolve));
      await delay(credentialsMs);
      const port = http.address().port;
      res.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'});
      res.end(JSON.stringify({access_token: 'bench', session_id: url.searchParams.get('session') ?? 'x-connect-10-0', base_url: `http://127.0.0.1:${port}`}));
      return;
    }
    if (url.pathname === '/history' && req.method === 'GET') {
      res.writeHead(200, {'content-type': 'application/json', 'cache-control': 'no-store'});
      res.end(sessionHistory(url.searchParams.get('session') ?? 'x-hist-10-0').frame);
      return;
    }
    const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
    if (!prefix) {
      res.writeHead(404).end('not found');
      return;
    }
    const dir = mounts[prefix];
    const file = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControlOf(file)});
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  const wss = new WebSocketServer({noServer: true, perMessageDeflate: false});
  http.on('upgrade', async (req, socket, head) => {
    await delay(latencyMs);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSession(ws, url.searchParams.get('session_id') ?? 'x-hist-10-0'));
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections?.();
      }),
  };
}

function serveSession(ws, sessionId) {
  const history = sessionHistory(sessionId);
  let sequence = history.lastSequence;
  ws.send(history.frame);
  ws.on('message', (data) => {
    let event;
    try {
      event = JSON.parse(String(data));
    } catch {
      return;
    }
    const now = new Date().toISOString();
    if (event.type === 'EVENT_TYPE_HEARTBEAT') {
      ws.send(
        JSON.stringify({id: `${sessionId}-hb-${Date.now()}`, sequence: null, timestamp: now, type: 'EVENT_TYPE_HEARTBEAT', payload: {}})
      );
      return;
    }
    if (event.type !== 'EVENT_TYPE_USER_MESSAGE') return;
    const text = String(event.payload?.text ?? '');
    sequence++;
    ws.send(
      JSON.stringify({
        id: `${sessionId}-echo-${sequence}`,
        sequence,
        timestamp: now,
        type: 'EVENT_TYPE_USER_MESSAGE',
        payload: {text, message_id: `${sessionId}-u-${sequence}`},
        ...(event.metadata ? {metadata: event.metadata} : {}),
      })
    );
    const stream = /^stream (\d+)$/.exec(text);
    if (!stream) return;
    const {frames, lastSequence} = streamFrames(sessionId, Number(stream[1]), sequence);
    sequence = lastSequence;
    for (const frame of frames) ws.send(frame);
  });
}
