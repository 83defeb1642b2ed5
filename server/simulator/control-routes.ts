// Same-origin HTTP control surface for browser tests and the demo:
//   POST /__sim/control          body = SimulatorCommand → JSON result (400 with {message} when invalid)
//   GET  /__sim/sessions         → the `sessions` command's list
//   GET  /__sim/sessions/<id>    → {history, received} (404 when unknown)
//   GET  /__sim/keywords         → KEYWORDS
import type {IncomingMessage, ServerResponse} from 'node:http';
import {parseCommand} from './command-parser.js';
import {readBody, sendError, sendJson} from './http-io.js';
import {KEYWORDS} from './keywords.js';
import type {SimulatorCommand} from './types.js';

export interface ControlTarget {
  control(command: SimulatorCommand): unknown;
  history(sessionId: string): readonly object[];
  received(sessionId: string): readonly object[];
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function handleControlRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  target: ControlTarget,
): Promise<void> {
  const method = req.method ?? 'GET';
  if (path === '/__sim/control') {
    if (method !== 'POST') return sendError(res, 405, 'Method not allowed', {Allow: 'POST'});
    let command: SimulatorCommand;
    try {
      command = parseCommand(JSON.parse(await readBody(req)) as unknown);
    } catch (error) {
      return sendError(res, 400, message(error));
    }
    try {
      return sendJson(res, 200, target.control(command) ?? {ok: true});
    } catch (error) {
      return sendError(res, 400, message(error));
    }
  }
  if (method !== 'GET') return sendError(res, 405, 'Method not allowed', {Allow: 'GET'});
  if (path === '/__sim/keywords') return sendJson(res, 200, KEYWORDS);
  if (path === '/__sim/sessions') return sendJson(res, 200, target.control({command: 'sessions'}));
  const match = /^\/__sim\/sessions\/([^/]+)$/.exec(path);
  if (match?.[1]) {
    const sessionId = decodeURIComponent(match[1]);
    try {
      return sendJson(res, 200, {history: target.history(sessionId), received: target.received(sessionId)});
    } catch (error) {
      return sendError(res, 404, message(error));
    }
  }
  sendError(res, 404, `no simulator route ${path}`);
}
