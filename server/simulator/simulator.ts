// createSimulator(): the conformant PolyAI Messaging simulator (shared/protocol.md §11.2) as two
// mountable handlers (HTTP requests, WebSocket upgrades) plus a control API for fault injection.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Duplex} from 'node:stream';
import {WebSocketServer} from 'ws';
import {TokenRegistry} from './access-tokens.js';
import {handleControlRoute} from './control-routes.js';
import {parseCursor} from './cursor.js';
import {HANDSHAKE_ERRORS, SESSION_END_REASONS} from './event-types.js';
import {GARBAGE_KINDS} from './garbage.js';
import {rejectUpgrade, sendError} from './http-io.js';
import {uuidV4, uuidV7} from './ids.js';
import {createPrng, deriveSeed} from './prng.js';
import type {Prng} from './prng.js';
import {handleAccessToken, handleCreateSession} from './rest-routes.js';
import type {RestEndpoint, RestFailure} from './rest-routes.js';
import {Session} from './session.js';
import type {SessionHost} from './session.js';
import type {
  FaultSettings,
  RefusalStatus,
  ResolvedOptions,
  SessionSummary,
  SimulatorCommand,
  SimulatorOptions,
  SimulatorTimers,
  VariantSettings,
} from './types.js';

export interface Simulator {
  /** Handles /api/v1/access-token, /api/v1/sessions and the /__sim/* control routes; returns false (and does nothing) for other paths. */
  handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
  /** Handles the upgrade for path /ws (with the §3.3 validations and HTTP failures); returns false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Same commands as POST /__sim/control, from Node. Throws on an unknown session or invalid argument. */
  control(command: SimulatorCommand): unknown;
  /** Stored (sequenced) history of a session, as sent on the wire (raw JSON objects). */
  history(sessionId: string): readonly object[];
  /** Every client frame the session received (parsed; `{raw}`, `{binary}` or `{oversized}` when not a JSON object), in order. */
  received(sessionId: string): readonly object[];
  close(): Promise<void>;
}

const REAL_TIMERS: SimulatorTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function resolveOptions(options: SimulatorOptions = {}): ResolvedOptions {
  return {
    seed: options.seed ?? 1,
    idleTimeoutMs: options.idleTimeoutMs ?? 600_000,
    connectors: options.connectors ?? [{token: 'sim-connector-token', host: 'localhost'}],
    tokenTtlSeconds: options.tokenTtlSeconds ?? 86_400,
    agentDelayMs: options.agentDelayMs ?? 30,
    maxSocketsPerSession: options.maxSocketsPerSession ?? 10,
    maxMessageSizeBytes: options.maxMessageSizeBytes ?? 131_072,
    heartbeatIntervalSeconds: options.heartbeatIntervalSeconds ?? 30,
    maxReconnectAttempts: options.maxReconnectAttempts ?? 5,
    closeGraceMs: options.closeGraceMs ?? 200,
    now: options.now ?? Date.now,
    timers: options.timers ?? REAL_TIMERS,
  };
}

interface Refusal {
  sessionId?: string;
  remaining: number;
  status?: RefusalStatus;
  retryAfter: number;
}

/** Valid close codes a server may send (RFC 6455 §7.4; ws rejects the others). */
function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
}

const requestPath = (url: string | undefined): URL => new URL(url ?? '/', 'http://simulator.invalid');

export function createSimulator(input: SimulatorOptions = {}): Simulator {
  const options = resolveOptions(input);
  /** What the options advertised at start: a global `reset` undoes `capabilities` commands. */
  const advertised = {maxReconnectAttempts: options.maxReconnectAttempts, heartbeatIntervalSeconds: options.heartbeatIntervalSeconds};
  let idPrng: Prng = createPrng(deriveSeed(options.seed, 1));
  let faultPrng: Prng = createPrng(deriveSeed(options.seed, 2));
  const tokens = new TokenRegistry();
  const sessions = new Map<string, Session>();
  let globalFaults: FaultSettings = {};
  let globalVariants: VariantSettings = {};
  let globalPendingDrop: number | null = null;
  let refusals: Refusal[] = [];
  const restFailures = new Map<RestEndpoint, RestFailure & {remaining: number}>();
  let closed = false;
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // Above the advertised limit, so an oversized frame earns "Message too large" instead of a 1009 close.
    maxPayload: Math.max(options.maxMessageSizeBytes * 8, 1 << 20),
  });

  const now = (): number => options.now();
  const newId = (): string => uuidV7(idPrng, now());

  const host: SessionHost = {
    options,
    now,
    newId,
    drawFault: (session) => (session.faultPrng ?? faultPrng).next(),
    faultsFor: (session) => ({...globalFaults, ...session.faults}),
    variantsFor: (session) => ({...globalVariants, ...session.variants}),
    takeOverlap: (session) => {
      const own = session.faults.overlapReplay;
      if (own !== undefined) {
        const {overlapReplay: _used, ...rest} = session.faults;
        session.faults = rest;
        return own;
      }
      const shared = globalFaults.overlapReplay ?? 0;
      const {overlapReplay: _used, ...rest} = globalFaults;
      globalFaults = rest;
      return shared;
    },
    takePendingDrop: () => {
      const pending = globalPendingDrop;
      globalPendingDrop = null;
      return pending;
    },
  };

  function session(sessionId: string): Session {
    const found = sessions.get(sessionId);
    if (!found) throw new Error(`unknown session ${sessionId}`);
    return found;
  }

  /** The sessions a command acts on: the one named, else every live (unexpired) session. */
  function targets(sessionId: string | undefined): Session[] {
    if (sessionId !== undefined) return [session(sessionId)];
    return [...sessions.values()].filter((candidate) => !candidate.expired);
  }

  function summary(candidate: Session): SessionSummary {
    return {
      sessionId: candidate.id,
      streaming: candidate.streaming,
      phase: candidate.phase,
      sockets: candidate.connections.size,
      ended: candidate.ended,
      expired: candidate.expired,
      events: candidate.history.length,
      pending: candidate.pending,
    };
  }

  function takeRefusal(sessionId: string | null): Refusal | null {
    const refusal = refusals.find((candidate) => candidate.sessionId === undefined || candidate.sessionId === sessionId);
    if (!refusal) return null;
    refusal.remaining -= 1;
    if (refusal.remaining <= 0) refusals = refusals.filter((candidate) => candidate !== refusal);
    return refusal;
  }

  const restContext = {
    options,
    tokens,
    idPrng: () => idPrng,
    now,
    newId,
    takeRestFailure: (endpoint: RestEndpoint): RestFailure | null => {
      const failure = restFailures.get(endpoint);
      if (!failure) return null;
      failure.remaining -= 1;
      if (failure.remaining <= 0) restFailures.delete(endpoint);
      return failure;
    },
    createSession: (init: {identity: string; streaming: boolean; platform: string}): string => {
      const id = uuidV4(idPrng);
      sessions.set(id, new Session({id, ...init}, host));
      return id;
    },
  };

  function control(command: SimulatorCommand): unknown {
    switch (command.command) {
      case 'drop': {
        const after = Math.max(0, command.afterEvents ?? 0);
        const chosen = targets(command.sessionId);
        let dropped = 0;
        let armed = 0;
        for (const candidate of chosen) {
          if (candidate.connections.size > 0) {
            dropped += candidate.connections.size;
            candidate.drop(after);
          } else if (command.sessionId !== undefined) {
            candidate.pendingDrop = after;
            armed += 1;
          }
        }
        if (command.sessionId === undefined && dropped === 0) {
          globalPendingDrop = after;
          armed += 1;
        }
        return {ok: true, dropped, armed};
      }
      case 'close': {
        if (command.code === 1006) return control({command: 'drop', sessionId: command.sessionId});
        if (!isSendableCloseCode(command.code)) throw new Error(`close code ${command.code} cannot be sent`);
        const chosen = targets(command.sessionId);
        chosen.forEach((candidate) => candidate.close(command.code, command.reason));
        return {ok: true, sessions: chosen.length};
      }
      case 'refuseHandshakes': {
        const refusal: Refusal = {remaining: Math.max(0, command.count), retryAfter: command.retryAfter ?? 1};
        if (command.sessionId !== undefined) refusal.sessionId = command.sessionId;
        if (command.status !== undefined) refusal.status = command.status;
        if (refusal.remaining > 0) refusals.push(refusal);
        return {ok: true};
      }
      case 'expireSession': {
        const chosen = targets(command.sessionId);
        chosen.forEach((candidate) => candidate.expire(command.code ?? 1001));
        return {ok: true, sessions: chosen.length};
      }
      case 'faults': {
        const {command: _name, sessionId, ...settings} = command;
        if (sessionId !== undefined) session(sessionId).faults = {...session(sessionId).faults, ...settings};
        else globalFaults = {...globalFaults, ...settings};
        return {ok: true};
      }
      case 'variants': {
        const {command: _name, sessionId, ...settings} = command;
        if (sessionId !== undefined) session(sessionId).variants = {...session(sessionId).variants, ...settings};
        else globalVariants = {...globalVariants, ...settings};
        return {ok: true};
      }
      case 'garbage': {
        const kinds = command.kinds ?? GARBAGE_KINDS;
        const chosen = targets(command.sessionId);
        chosen.forEach((candidate) => candidate.sendGarbage(kinds, command.count ?? kinds.length));
        return {ok: true, sessions: chosen.length};
      }
      case 'say': {
        const chosen = targets(command.sessionId);
        chosen.forEach((candidate) => candidate.say(command.role, command.text, command.streaming));
        return {ok: true, sessions: chosen.length};
      }
      case 'endSession': {
        const chosen = targets(command.sessionId);
        const endedBy = command.reason === undefined ? 'server' : 'explicit';
        chosen.forEach((candidate) => candidate.endNow(command.reason ?? SESSION_END_REASONS.natural, endedBy));
        return {ok: true, sessions: chosen.length};
      }
      case 'restFailures': {
        if (command.count > 0) {
          restFailures.set(command.endpoint, {
            remaining: command.count,
            status: command.status ?? 500,
            retryAfter: command.retryAfter ?? 1,
          });
        } else {
          restFailures.delete(command.endpoint);
        }
        return {ok: true};
      }
      case 'agentDelay': {
        const ms = Math.max(0, command.ms);
        if (command.sessionId !== undefined) session(command.sessionId).agentDelayMs = ms;
        else options.agentDelayMs = ms;
        return {ok: true};
      }
      case 'raw': {
        const chosen = targets(command.sessionId);
        chosen.forEach((candidate) => candidate.sendRaw(command.type, command.payload ?? {}));
        return {ok: true, sessions: chosen.length};
      }
      case 'frames': {
        const chosen = targets(command.sessionId);
        chosen.forEach((candidate) => candidate.sendFrames(command.frames));
        return {ok: true, sessions: chosen.length};
      }
      case 'silence': {
        const chosen = targets(command.sessionId);
        chosen.forEach((candidate) => candidate.silence());
        return {ok: true, sessions: chosen.length};
      }
      case 'capabilities': {
        if (command.maxReconnectAttempts !== undefined) options.maxReconnectAttempts = command.maxReconnectAttempts;
        if (command.heartbeatIntervalSeconds !== undefined) options.heartbeatIntervalSeconds = command.heartbeatIntervalSeconds;
        return {ok: true};
      }
      case 'idleTimeout': {
        options.idleTimeoutMs = Math.max(0, command.ms);
        sessions.forEach((candidate) => candidate.resetIdle());
        return {ok: true};
      }
      case 'reset': {
        if (command.sessionId !== undefined) {
          const candidate = session(command.sessionId);
          candidate.faults = {};
          candidate.variants = {};
          candidate.cancelDrops();
          candidate.agentDelayMs = null;
          refusals = refusals.filter((refusal) => refusal.sessionId !== command.sessionId);
        } else {
          globalFaults = {};
          globalVariants = {};
          options.maxReconnectAttempts = advertised.maxReconnectAttempts;
          options.heartbeatIntervalSeconds = advertised.heartbeatIntervalSeconds;
          globalPendingDrop = null;
          refusals = [];
          restFailures.clear();
          sessions.forEach((candidate) => {
            candidate.faults = {};
            candidate.variants = {};
            candidate.cancelDrops();
            candidate.agentDelayMs = null;
          });
        }
        return {ok: true};
      }
      case 'seed': {
        if (command.sessionId !== undefined) {
          session(command.sessionId).faultPrng = createPrng(deriveSeed(command.seed, 2));
          return {ok: true};
        }
        idPrng = createPrng(deriveSeed(command.seed, 1));
        faultPrng = createPrng(deriveSeed(command.seed, 2));
        return {ok: true};
      }
      case 'sessions':
        return [...sessions.values()].map(summary);
    }
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): boolean {
    const path = requestPath(req.url).pathname;
    const isRest = path === '/api/v1/access-token' || path === '/api/v1/sessions';
    if (!isRest && path !== '/__sim' && !path.startsWith('/__sim/')) return false;
    const work = async (): Promise<void> => {
      if (closed) return sendError(res, 503, 'simulator closed');
      if (!isRest) return handleControlRoute(req, res, path, simulator);
      if (req.method !== 'POST') return sendError(res, 405, 'Method not allowed', {Allow: 'POST'});
      if (path === '/api/v1/access-token') return handleAccessToken(req, res, restContext);
      return handleCreateSession(req, res, restContext);
    };
    work().catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, error instanceof Error ? error.message : 'internal error');
      else res.destroy();
    });
    return true;
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = requestPath(req.url);
    if (url.pathname !== '/ws') return false;
    const sessionId = url.searchParams.get('session_id') || null;
    const token = url.searchParams.get('access_token') || null;
    const fail = (status: RefusalStatus, headers: Record<string, string> = {}): boolean => {
      rejectUpgrade(socket, status, HANDSHAKE_ERRORS[status], headers);
      return true;
    };
    if (closed) {
      socket.destroy();
      return true;
    }
    const refusal = takeRefusal(sessionId);
    if (refusal) {
      if (refusal.status === undefined) {
        socket.destroy();
        return true;
      }
      return fail(refusal.status, refusal.status === 429 ? {'Retry-After': String(refusal.retryAfter)} : {});
    }
    // §3.3 in the order of §11.2: parameters, session, token, socket limit.
    if (!sessionId || !token) return fail(400);
    const target = sessions.get(sessionId);
    if (!target || target.expired) return fail(404);
    const identity = tokens.verify(token, now());
    if (identity === null || identity !== target.identity) return fail(401);
    if (target.connections.size >= options.maxSocketsPerSession) return fail(429, {'Retry-After': '1'});
    const cursor = parseCursor(url.searchParams.get('cursor'));
    // Without verifyClient, ws completes the handshake synchronously: the limit check above cannot race.
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (closed || target.expired) ws.terminate();
      else target.attach(ws, cursor);
    });
    return true;
  }

  const simulator: Simulator = {
    handleRequest,
    handleUpgrade,
    control,
    history: (sessionId) => structuredClone(session(sessionId).history),
    received: (sessionId) => structuredClone(session(sessionId).received),
    close: async () => {
      if (closed) return;
      closed = true;
      sessions.forEach((candidate) => candidate.dispose());
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return simulator;
}
