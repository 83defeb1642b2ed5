// The session machine: a pure transition(state, event) → {state, effects}. It decides everything
// about the connection lifecycle (credentials, session, socket, join, heartbeats, liveness,
// retries, handoff status, ending); the runtime only interprets the effects and reports facts.
// Internally a transition builds a draft and appends effects to a local list; nothing outside is
// touched, so the function stays pure.
import type {SessionFacts} from '../protocol/session-facts.js';
import type {ServerEvent} from '../protocol/wire.js';
import {backoffDelay} from './backoff-delay.js';
import {classifySystemError} from './classify-system-error.js';
import type {Effect, NewSessionReason} from './effect.js';
import type {EpochEvent, MachineEvent} from './event.js';
import {isEpochEvent} from './event.js';
import type {MachineError} from './machine-error.js';
import {
  CONNECT_TIMEOUT_MS,
  END_GRACE_MS,
  FIXED_RETRY_DELAY_MS,
  MAX_JOIN_RESENDS,
  MAX_NEW_SESSIONS_IN_ROW,
  MIN_UPTIME_MS,
  PROBE_QUIET_MS,
  PROBE_TIMEOUT_MS,
  RECYCLE_AFTER_MS,
  FIRST_REPLAY_GRACE_MS,
  REPLAY_GRACE_MS,
  heartbeatIntervalMs,
  livenessDeadlineMs,
  refusalLimit,
  retryBudget,
} from './policy.js';
import type {ActiveState, EndedState, IdleState, LinkPhase, Phase, SessionData, State} from './state.js';
import type {TimerName} from './timer-name.js';

export interface Transition {
  readonly state: State;
  readonly effects: readonly Effect[];
}

/** Close codes the client sends (browsers allow 1000 and 3000–4999; protocol §8.4). */
const CLOSE_NORMAL = 1000;
/** We gave up on this socket (silent, or never got going) and will connect another. */
const CLOSE_REPLACING = 4000;
/** Proactive recycle before the 2 h cap. */
const CLOSE_RECYCLE = 4002;

/** An active state under construction; `settle` derives its status. */
interface Draft extends SessionData {
  readonly phase: Phase;
}

/** Effects of one transition, in order. */
type Fx = Effect[];

const NO_EFFECTS: readonly Effect[] = [];

const ERRORS = {
  connectionLost: {code: 'connection-lost', message: 'The connection to the chat service was lost.'},
  socketFailed: {code: 'connection-failed', message: 'Could not open a connection to the chat service.'},
  retriesExhausted: {
    code: 'connection-failed',
    message: 'Could not reach the chat service after several attempts; the conversation is kept.',
  },
  credentialsTimeout: {code: 'credentials-timeout', message: 'The credentials request took too long.'},
  sessionTimeout: {code: 'session-timeout', message: 'Creating the chat session took too long.'},
  sessionUnavailable: {
    code: 'session-unavailable',
    message: 'The chat service kept refusing new conversations.',
  },
  insecure: {
    code: 'insecure-url',
    message: 'The chat service address is not secure (https/wss is required); no connection was made.',
  },
  agentUnavailable: {
    code: 'agent-unavailable',
    message: 'The assistant could not start the conversation. Try again later or start a new conversation.',
  },
} satisfies Record<string, MachineError>;

/** Decide what happens next. Total: every event in every state returns a valid state. */
export function transition(state: State, event: MachineEvent): Transition {
  if (isEpochEvent(event) && event.epoch !== state.epoch) return {state, effects: NO_EFFECTS};
  const fx: Fx = [];
  let next: State;
  switch (state.status) {
    case 'idle':
      next = fromIdle(state, event, fx);
      break;
    case 'ended':
      next = fromEnded(state, event, fx);
      break;
    default:
      next = fromActive(state, event, fx);
  }
  return {state: next, effects: fx.length === 0 ? NO_EFFECTS : fx};
}

// ---- idle and ended ---------------------------------------------------------------------------

function fromIdle(state: IdleState, event: MachineEvent, fx: Fx): State {
  switch (event.type) {
    case 'start':
      return attemptNow(freshConversation(state, event.streaming, false), fx, event.at);
    case 'network.offline':
    case 'network.online':
      return {...state, offline: event.type === 'network.offline'};
    default:
      // user.restart before start: nothing to restart; `start` begins the conversation.
      return state;
  }
}

function fromEnded(state: EndedState, event: MachineEvent, fx: Fx): State {
  switch (event.type) {
    case 'user.restart':
      return restart(state, fx, event.at);
    case 'user.retryNow': {
      if (!state.retryable) return state;
      // A manual retry gets a fresh budget.
      const {reason: _reason, retryable: _retryable, status: _status, ...data} = state;
      const draft: Draft = {
        ...data,
        phase: 'waiting',
        attempt: 0,
        failures: 0,
        newSessionsInRow: 0,
        refusedHandshakes: 0,
        error: null,
      };
      // Same session, same cursor (the runtime's): giving up never forgot the conversation.
      return attemptNow(draft, fx, event.at);
    }
    case 'network.offline':
    case 'network.online':
      return {...state, offline: event.type === 'network.offline'};
    default:
      // Ended is final: no reconnect, stale results ignored; dispose has nothing left to stop.
      return state;
  }
}

// ---- active states ----------------------------------------------------------------------------

function fromActive(state: ActiveState, event: MachineEvent, fx: Fx): State {
  const d: Draft = state;
  switch (event.type) {
    case 'start':
    case 'page.hidden':
      // Already started. Hidden pages keep their socket and heartbeats; throttled timers are
      // caught by the liveness check when they fire late.
      return state;
    case 'credentials.resolved':
      return d.phase === 'credentials' ? onCredentials(d, event, fx) : state;
    case 'credentials.failed':
      if (d.phase !== 'credentials') return state;
      if (event.retryable) return retryLater(d, fx, event.at, event.jitter, event.error);
      return finish(d, fx, 'failed', event.error, true);
    case 'credentials.insecure':
      return d.phase === 'credentials' ? finish(d, fx, 'failed', ERRORS.insecure, false) : state;
    case 'session.created':
      if (d.phase !== 'session') return state;
      return attemptNow(adoptSession(d, event.sessionId), fx, event.at);
    case 'session.failed':
      return d.phase === 'session' ? onSessionFailed(d, event, fx) : state;
    case 'socket.opened':
      return onOpened(d, fx, event.at);
    case 'socket.closed':
      return onClosed(d, event, fx);
    case 'socket.frame':
      return hasSocket(d.phase) ? settle(touch(d, fx, event.at)) : state;
    case 'history.received':
      return onHistory(d, event, fx);
    case 'replay.settled':
      return onReplaySettled(d, fx);
    case 'server.events':
      return hasSocket(d.phase) ? onServerEvents(touch(d, fx, event.at), event, fx) : state;
    case 'timer.fired':
      return onTimer(d, event, fx);
    case 'user.ended':
      return onUserEnded(d, fx);
    case 'user.restart':
      return restart(state, fx, event.at);
    case 'user.retryNow':
      return d.phase === 'waiting' ? attemptNow(cancelTimer(d, fx, 'retry'), fx, event.at) : state;
    case 'network.offline': {
      // No retry storm while offline: park the retry until the network is back.
      const parked = d.phase === 'waiting' ? {...cancelTimer(d, fx, 'retry'), retryAt: null} : d;
      return settle({...parked, offline: true});
    }
    case 'network.online': {
      const online: Draft = {...d, offline: false};
      return d.phase === 'waiting' ? attemptNow(cancelTimer(online, fx, 'retry'), fx, event.at) : settle(online);
    }
    case 'page.shown':
    case 'socket.suspect':
      return onPageShown(d, fx, event.at);
    case 'dispose': {
      const stopped = cancelAll(closeSocket(d, fx, CLOSE_NORMAL, 'disposed'), fx);
      return {status: 'idle', epoch: stopped.epoch + 1, offline: stopped.offline, timers: []};
    }
  }
}

function onCredentials(d: Draft, event: Extract<EpochEvent, {type: 'credentials.resolved'}>, fx: Fx): State {
  const sessionId = event.hasSession && event.sessionId ? event.sessionId : null;
  // We asked for the conversation we hold and got another (the backend moved this browser on, say
  // its token neared expiry; or a bare token, which cannot rejoin our session): the old
  // conversation is over, so say so before adopting the new one. The same session keeps it all.
  if (d.sessionId !== null && sessionId !== d.sessionId) fx.push({type: 'transcript.newSession', reason: 'expired'});
  const withCredentials: Draft = {
    ...d,
    credentialsEpoch: event.epoch,
    baseUrl: event.baseUrl,
    credentialsHadSession: sessionId !== null,
    credentialsFresh: true,
    expiresAt:
      typeof event.expiresIn === 'number' && Number.isFinite(event.expiresIn) && event.expiresIn > 0
        ? event.at + event.expiresIn * 1000
        : null,
  };
  // Credentials without a session: the token belongs to a new identity, create a session for it.
  const next = sessionId === null ? forgetSession(withCredentials) : adoptSession(withCredentials, sessionId);
  return attemptNow(next, fx, event.at);
}

function onSessionFailed(d: Draft, event: Extract<EpochEvent, {type: 'session.failed'}>, fx: Fx): State {
  if (event.status === 401) {
    // The access token was refused: only fresh credentials (a new identity) can create a session.
    return retryLater(dropCredentials(d, true), fx, event.at, event.jitter, event.error);
  }
  if (event.retryable) return retryLater(d, fx, event.at, event.jitter, event.error);
  return finish(dropCredentials(d, true), fx, 'failed', event.error, true);
}

/**
 * Open means open (§3.4, Q5): the handshake succeeded, so the session and token are good (earlier
 * refusals are forgotten) and the socket is usable whether or not a batch ever comes. A resumed
 * connection is live at once; a first one waits for its history, at most REPLAY_GRACE_MS.
 */
function onOpened(d: Draft, fx: Fx, at: number): State {
  if (d.phase !== 'socket' && d.phase !== 'recycle-socket') return settle(d);
  const resumed = d.phase === 'recycle-socket' || d.established;
  let next: Draft = cancelTimer(
    {
      ...d,
      phase: resumed ? 'replay' : 'history',
      openedAt: at,
      lastInboundAt: at,
      credentialsFresh: false,
      refusedHandshakes: 0,
      error: resumed ? null : d.error,
      echoless: d.echoless || (d.silenceReplaced && !d.heartbeatEchoed),
      silenceReplaced: false,
    },
    fx,
    'connect-timeout',
  );
  // A session we created ourselves is new for sure: its join need not wait long.
  const grace = resumed || !d.credentialsHadSession ? REPLAY_GRACE_MS : FIRST_REPLAY_GRACE_MS;
  next = startTimer(next, fx, 'replay-grace', grace);
  return settle(resumed ? startLinkTimers(next, fx) : next);
}

function onClosed(d: Draft, event: Extract<EpochEvent, {type: 'socket.closed'}>, fx: Fx): State {
  if (!hasSocket(d.phase)) return settle(d);
  const opened = event.wasOpen || (d.phase !== 'socket' && d.phase !== 'recycle-socket');
  const gone: Draft = {...d, phase: 'waiting'};
  if (d.ending) return finish(gone, fx, 'REASON_USER_END', null, false);
  if (!opened) return closedBeforeOpen(gone, fx, event.at, event.jitter, true);
  switch (event.code) {
    case 1000:
      // A server close 1000 without SESSION_END is final, as in the SDKs; retryNow may try again.
      return finish(gone, fx, 'closed', null, true);
    case 4001:
      // The server rejected the session: reconnecting to it would fail forever.
      return newSessionPath(gone, fx, event.at, 'rejected');
    case 4003:
      return retryLater(gone, fx, event.at, event.jitter, ERRORS.connectionLost, {fixedDelayMs: FIXED_RETRY_DELAY_MS});
    default:
      // 1001, 1005, 1006, 1011, 4000, 4002 and anything unknown: a dropped connection.
      return retryLater(gone, fx, event.at, event.jitter, ERRORS.connectionLost);
  }
}

/**
 * A socket that never opened (`refused`: it closed; else its handshake timed out). The browser
 * hides the handshake's HTTP status, so a refusal may be a dead session (404), a refused token
 * (401) or just the network. Ask our backend before the next socket: the next attempt re-fetches
 * the credentials for this same conversation. Only a refusal right after such a successful fetch
 * counts against the session (see MAX_REFUSED_HANDSHAKES). Offline, nothing is learnt.
 */
function closedBeforeOpen(d: Draft, fx: Fx, at: number, jitter: number, refused: boolean): State {
  if (d.offline) return retryLater(d, fx, at, jitter, ERRORS.socketFailed);
  // Bare tokens (no session_id) cannot be fetched again for this session: keep them, and let
  // every refusal count, as nothing better can tell the network and the session apart.
  const refetch = d.credentialsHadSession;
  const counts = refused && (d.credentialsFresh || !refetch);
  const next: Draft = refetch ? dropCredentials(d, false) : d;
  // A refusal with held credentials is not evidence yet; the re-fetch that follows finds out (a
  // failing fetch spends the budget: that is the network). A hanging handshake is the network.
  if (!counts) return retryLater(next, fx, at, jitter, ERRORS.socketFailed, {spendsBudget: !(refused && refetch)});
  // Evidence about the session, not the network: counted apart, it never spends the retry budget
  // (so a dead session ends in a new conversation, never in a failed chat, whatever the budget).
  const refusals = d.refusedHandshakes + 1;
  if (refusals >= refusalLimit(d.capabilities)) return newSessionPath(d, fx, at, 'expired');
  return retryLater({...next, refusedHandshakes: refusals}, fx, at, jitter, ERRORS.socketFailed, {spendsBudget: false});
}

function onHistory(d: Draft, event: Extract<EpochEvent, {type: 'history.received'}>, fx: Fx): State {
  if (d.phase !== 'history' && d.phase !== 'replay') {
    // A later batch, or a stray report: only proof of life.
    return hasSocket(d.phase) ? settle(touch(d, fx, event.at)) : settle(d);
  }
  return replayIn({...readFacts(d, event.facts), lastInboundAt: event.at}, fx);
}

/**
 * The open socket's history is in, or REPLAY_GRACE_MS passed without one: the chat is ready.
 * A new session joins now (the agent never joins by itself; a resume never re-joins), and queued
 * messages may go out once the replay settles (the runtime waits for a later batch a moment).
 */
function replayIn(d: Draft, fx: Fx): State {
  const first = d.phase === 'history';
  let next: Draft = cancelTimer({...d, phase: 'ready', established: true, error: null}, fx, 'replay-grace');
  if (next.ending) return settle(next);
  if (!next.joined) {
    fx.push({type: 'send.join', epoch: next.epoch});
    next = {...next, joined: true, joinPendingOn: next.epoch};
  }
  fx.push({type: 'outbox.flush', epoch: next.epoch});
  return settle(first ? startLinkTimers(next, fx) : next);
}

/** An open, usable socket: heartbeats, the liveness deadline, the stability mark and the recycle. */
function startLinkTimers(d: Draft, fx: Fx): Draft {
  let next = d;
  const heartbeat = heartbeatIntervalMs(next.capabilities);
  if (heartbeat !== null) next = startTimer(next, fx, 'heartbeat', heartbeat);
  const deadline = livenessDeadlineMs(next.capabilities);
  if (deadline !== null) next = startTimer(next, fx, 'liveness', deadline);
  next = startTimer(next, fx, 'stable', MIN_UPTIME_MS);
  return startTimer(next, fx, 'recycle', RECYCLE_AFTER_MS);
}

/**
 * A join that went out on an earlier socket and was never confirmed (no echo, no POLY_AGENT_JOINED
 * in the replay, all of it read) was lost with that socket: without it the session has no
 * conversation, so send it again, before the queued messages the runtime flushes next.
 */
function onReplaySettled(d: Draft, fx: Fx): State {
  if (d.phase !== 'ready' || d.ending || d.joinPendingOn === null || d.joinPendingOn === d.epoch) return settle(d);
  fx.push({type: 'send.join', epoch: d.epoch});
  return settle({...d, joinPendingOn: d.epoch});
}

/** The transcript's facts, taken as they are (one owner per fact; see protocol/session-facts.ts). */
function readFacts(d: Draft, facts: SessionFacts): Draft {
  const capabilities = facts.capabilities ?? d.capabilities;
  const joined = d.joined || facts.joined;
  const joinPendingOn = facts.joined ? null : d.joinPendingOn;
  if (facts.handoff === d.handoff && capabilities === d.capabilities && joined === d.joined && joinPendingOn === d.joinPendingOn) return d;
  return {...d, handoff: facts.handoff, capabilities, joined, joinPendingOn};
}

/**
 * A frame's new events: the facts first (a SESSION_END among them ends the session, replayed or
 * live; nothing reconnects), then the live system errors, which call for action (re-join, new
 * session). Once one of them gives up the socket, the rest are ignored.
 */
function onServerEvents(d: Draft, event: Extract<EpochEvent, {type: 'server.events'}>, fx: Fx): State {
  const current = noteHeartbeatEcho(readFacts(d, event.facts), event.events, fx);
  if (event.facts.endReason !== null) return finish(current, fx, event.facts.endReason, null, false);
  // Replayed errors answered requests of the past; only live ones call for action.
  if (event.replayed) return settle(current);
  let next: State = settle(current);
  for (const server of event.events) {
    if (server.type !== 'EVENT_TYPE_SYSTEM_MESSAGE' || server.level !== 'error') continue;
    if (next.status === 'idle' || next.status === 'ended' || next.epoch !== event.epoch || !hasSocket(next.phase)) return next;
    next = onSystemError(next, server, fx, event.at);
  }
  return next;
}

/** A heartbeat echo: the server does echo them, so silence is evidence again (liveness runs). */
function noteHeartbeatEcho(d: Draft, events: readonly ServerEvent[], fx: Fx): Draft {
  if (d.heartbeatEchoed || !events.some((event) => event.type === 'EVENT_TYPE_HEARTBEAT')) return d;
  const next: Draft = {...d, heartbeatEchoed: true, echoless: false};
  const deadline = livenessDeadlineMs(next.capabilities);
  const restart = d.echoless && isUsable(next.phase) && !next.ending && !next.probing && deadline !== null;
  return restart ? startTimer(next, fx, 'liveness', deadline) : next;
}

function onSystemError(
  d: Draft,
  server: Extract<ServerEvent, {type: 'EVENT_TYPE_SYSTEM_MESSAGE'}>,
  fx: Fx,
  at: number,
): State {
  const kind = classifySystemError(server.message);
  if (kind === null || d.ending) return settle(d);
  if (kind === 'session-lost') {
    return newSessionPath(closeSocket(d, fx, CLOSE_NORMAL, 'session lost'), fx, at, 'expired');
  }
  if (isOpen(d.phase) && d.joinResends < MAX_JOIN_RESENDS) {
    fx.push({type: 'send.join', epoch: d.epoch});
    return settle({...d, joined: true, joinPendingOn: d.epoch, joinResends: d.joinResends + 1});
  }
  if (kind === 'conversation-lost') {
    return newSessionPath(closeSocket(d, fx, CLOSE_NORMAL, 'conversation lost'), fx, at, 'conversation-lost');
  }
  fx.push({type: 'emit.error', ...ERRORS.agentUnavailable});
  return settle(d);
}

function onTimer(d: Draft, event: Extract<EpochEvent, {type: 'timer.fired'}>, fx: Fx): State {
  // A timer we did not start (or already cancelled) is ignored; one-shot timers leave the set.
  if (!d.timers.includes(event.timer)) return settle(d);
  const fired: Draft = {...d, timers: d.timers.filter((name) => name !== event.timer)};
  const {at, jitter} = event;
  switch (event.timer) {
    case 'retry':
      return fired.phase === 'waiting' ? attemptNow({...fired, retryAt: null}, fx, at) : settle(fired);
    case 'heartbeat': {
      const interval = heartbeatIntervalMs(fired.capabilities);
      if (!isUsable(fired.phase) || fired.ending || interval === null) return settle(fired);
      fx.push({type: 'send.heartbeat', epoch: fired.epoch});
      return settle(startTimer(fired, fx, 'heartbeat', interval));
    }
    case 'liveness':
      return onLiveness(fired, fx, at, jitter);
    case 'stable':
      // Up and ready long enough: the next drop starts backoff and new-session counting afresh.
      return settle({...fired, attempt: 0, failures: 0, newSessionsInRow: 0});
    case 'end-grace':
      return fired.ending ? finish(fired, fx, 'REASON_USER_END', null, false) : settle(fired);
    case 'recycle': {
      if (fired.phase !== 'ready' || fired.ending) return settle(fired);
      // With an expired token a new socket would be refused: keep this one until it drops.
      if (fired.expiresAt !== null && at >= fired.expiresAt) return settle(fired);
      const closed = closeSocket(fired, fx, CLOSE_RECYCLE, 'recycle');
      return attemptNow(closed, fx, at, 'recycle-socket');
    }
    case 'connect-timeout':
      return onConnectTimeout(fired, fx, at, jitter);
    case 'replay-grace':
      return fired.phase === 'history' || fired.phase === 'replay' ? replayIn(fired, fx) : settle(fired);
  }
}

function onLiveness(d: Draft, fx: Fx, at: number, jitter: number): State {
  if (!isUsable(d.phase) || d.ending) return settle({...d, probing: false});
  // Silence proves nothing on a server known not to echo heartbeats (Q10): only a probe decides.
  const deadline = d.echoless ? null : livenessDeadlineMs(d.capabilities);
  const silence = at - (d.lastInboundAt ?? d.openedAt ?? at);
  if (d.probing || (deadline !== null && silence >= deadline)) {
    // Silent past the deadline: dead even if the browser has not noticed (sleep, Wi-Fi change).
    const dead = closeSocket({...d, probing: false, silenceReplaced: !d.heartbeatEchoed}, fx, CLOSE_REPLACING, 'liveness timeout');
    return retryLater(dead, fx, at, jitter, ERRORS.connectionLost);
  }
  if (deadline === null) return settle(d);
  return settle(startTimer(d, fx, 'liveness', deadline - silence));
}

function onConnectTimeout(d: Draft, fx: Fx, at: number, jitter: number): State {
  switch (d.phase) {
    case 'credentials':
      return retryLater({...d, phase: 'waiting'}, fx, at, jitter, ERRORS.credentialsTimeout);
    case 'session':
      return retryLater({...d, phase: 'waiting'}, fx, at, jitter, ERRORS.sessionTimeout);
    case 'socket':
    case 'recycle-socket':
      return closedBeforeOpen(closeSocket(d, fx, CLOSE_REPLACING, 'connect timeout'), fx, at, jitter, false);
    default:
      return settle(d);
  }
}

function onUserEnded(d: Draft, fx: Fx): State {
  if (d.ending) return settle(d);
  if (!isOpen(d.phase)) return finish(d, fx, 'REASON_USER_END', null, false);
  // Tell the server, then give SESSION_END a moment to arrive before closing anyway.
  fx.push({type: 'send.end', epoch: d.epoch});
  const quiet = cancelAll({...d, ending: true, probing: false}, fx);
  return settle(startTimer(quiet, fx, 'end-grace', END_GRACE_MS));
}

/** page.shown or socket.suspect: probe a socket that has been quiet, as it may be dead. */
function onPageShown(d: Draft, fx: Fx, at: number): State {
  // A server known not to echo heartbeats cannot answer a probe: it would only replace a healthy socket.
  if (!isUsable(d.phase) || d.ending || d.probing || d.echoless) return settle(d);
  if (d.lastInboundAt !== null && at - d.lastInboundAt < PROBE_QUIET_MS) return settle(d);
  // The socket may have died while the page slept or sat in the back/forward cache, or an echo is
  // overdue on a socket that went quiet: ask for an echo and give it a short deadline.
  fx.push({type: 'send.heartbeat', epoch: d.epoch});
  return settle(startTimer({...d, probing: true}, fx, 'liveness', PROBE_TIMEOUT_MS));
}

// ---- building blocks --------------------------------------------------------------------------

/** Start the next step the conversation needs: credentials, a session, or a socket. */
function attemptNow(d: Draft, fx: Fx, at: number, socketPhase: 'socket' | 'recycle-socket' = 'socket'): State {
  if (d.credentialsEpoch === null) {
    const next = bump(d, fx);
    fx.push({type: 'credentials.fetch', epoch: next.epoch, newSession: next.newSession, streaming: next.streaming});
    const fetching: Draft = {...next, phase: 'credentials', retryAt: null};
    return settle(startTimer(fetching, fx, 'connect-timeout', CONNECT_TIMEOUT_MS));
  }
  if (d.sessionId === null) {
    const next = bump(d, fx);
    fx.push({
      type: 'session.create',
      epoch: next.epoch,
      credentialsEpoch: d.credentialsEpoch,
      streaming: next.streaming,
    });
    const creating: Draft = {...next, phase: 'session', retryAt: null};
    return settle(startTimer(creating, fx, 'connect-timeout', CONNECT_TIMEOUT_MS));
  }
  // The token is bound to the session; once it expired the session cannot be re-joined.
  if (d.expiresAt !== null && at >= d.expiresAt) return newSessionPath(d, fx, at, 'expired');
  const next = bump(d, fx);
  fx.push({
    type: 'socket.open',
    epoch: next.epoch,
    credentialsEpoch: d.credentialsEpoch,
    sessionId: d.sessionId,
  });
  return settle(
    startTimer(
      {...next, phase: socketPhase, retryAt: null, openedAt: null, lastInboundAt: null, probing: false},
      fx,
      'connect-timeout',
      CONNECT_TIMEOUT_MS,
    ),
  );
}

/** The step failed (the socket, if any, is already gone): wait and try again, within budget. */
interface RetryOptions {
  /** Close 4003: poll on this fixed delay instead of growing backoff. */
  readonly fixedDelayMs?: number;
  /** False for evidence about the session (refusalLimit bounds it): the backoff still grows. */
  readonly spendsBudget?: boolean;
}

function retryLater(d: Draft, fx: Fx, at: number, jitter: number, cause: MachineError, options: RetryOptions = {}): State {
  const idle: Draft = cancelAll({...d, phase: 'waiting', retryAt: null, probing: false, error: cause}, fx);
  if (idle.ending) return finish(idle, fx, 'REASON_USER_END', null, false);
  // Offline failures say nothing about the server: wait for `network.online`, budget untouched.
  if (idle.offline) return settle(idle);
  const attempt = options.spendsBudget === false ? idle.attempt : idle.attempt + 1;
  if (attempt > retryBudget(idle.capabilities)) return finish(idle, fx, 'failed', ERRORS.retriesExhausted, true);
  const failures = idle.failures + 1;
  const delay = options.fixedDelayMs ?? backoffDelay(failures, jitter);
  return settle(startTimer({...idle, attempt, failures, retryAt: at + delay}, fx, 'retry', delay));
}

/**
 * The session is gone (or was refused): a new conversation begins with fresh credentials, at most
 * MAX_NEW_SESSIONS_IN_ROW times without a stable connection in between. Any socket must already
 * be closed.
 */
function newSessionPath(d: Draft, fx: Fx, at: number, reason: NewSessionReason): State {
  const fresh: Draft = {...forgetSession(dropCredentials(d, true)), phase: 'waiting'};
  const count = fresh.newSessionsInRow + 1;
  if (count > MAX_NEW_SESSIONS_IN_ROW) return finish(fresh, fx, 'failed', ERRORS.sessionUnavailable, true);
  // Only a conversation that really starts gets the "new conversation" notice.
  fx.push({type: 'transcript.newSession', reason});
  // The retry budget is the session's (its capabilities name it): finding the old session dead may
  // have spent it, and a drop soon after must not end the new conversation. newSessionsInRow bounds this.
  return attemptNow(cancelAll({...fresh, newSessionsInRow: count, attempt: 0, failures: 0}, fx), fx, at);
}

/** The user wants a new conversation: end the old one politely and start over. */
function restart(s: ActiveState | EndedState, fx: Fx, at: number): State {
  let d: Draft = s.status === 'ended' ? {...s, phase: 'waiting'} : s;
  if (s.status !== 'ended' && isOpen(d.phase) && !d.ending) fx.push({type: 'send.end', epoch: d.epoch});
  d = cancelAll(closeSocket(d, fx, CLOSE_NORMAL, 'restart'), fx);
  fx.push({type: 'transcript.newSession', reason: 'restart'});
  return attemptNow(freshConversation(d, d.streaming, true), fx, at);
}

/** Enter `ended`: close the socket, stop every timer, tell the host. */
function finish(d: Draft, fx: Fx, reason: string, error: MachineError | null, retryable: boolean): EndedState {
  const stopped = cancelAll(closeSocket(d, fx, CLOSE_NORMAL, 'ended'), fx);
  if (error !== null) fx.push({type: 'emit.error', ...error});
  fx.push({type: 'emit.end', reason});
  const {phase: _phase, ...data} = stopped;
  return {
    ...data,
    status: 'ended',
    reason,
    retryable,
    error,
    ending: false,
    probing: false,
    retryAt: null,
  };
}

/** Any inbound frame: the socket is alive; a pending page.shown probe is answered. */
function touch(d: Draft, fx: Fx, at: number): Draft {
  const next: Draft = {...d, lastInboundAt: at};
  if (!d.probing) return next;
  const deadline = livenessDeadlineMs(d.capabilities);
  const answered: Draft = {...next, probing: false};
  return deadline === null ? cancelTimer(answered, fx, 'liveness') : startTimer(answered, fx, 'liveness', deadline);
}

/** Move to a new epoch: everything in flight or scheduled for the old one is abandoned. */
function bump(d: Draft, fx: Fx): Draft {
  return {...cancelAll(d, fx), epoch: d.epoch + 1};
}

function closeSocket(d: Draft, fx: Fx, code: number, reason: string): Draft {
  if (!hasSocket(d.phase)) return d;
  fx.push({type: 'socket.close', epoch: d.epoch, code, reason});
  return {...d, phase: 'waiting', probing: false};
}

function startTimer(d: Draft, fx: Fx, timer: TimerName, delayMs: number): Draft {
  // Never a zero or negative delay: the runtime would spin.
  const delay = Math.max(1, Math.round(delayMs));
  fx.push({type: 'timer.start', timer, delayMs: delay, epoch: d.epoch});
  return d.timers.includes(timer) ? d : {...d, timers: [...d.timers, timer]};
}

function cancelTimer(d: Draft, fx: Fx, timer: TimerName): Draft {
  if (!d.timers.includes(timer)) return d;
  fx.push({type: 'timer.cancel', timer});
  return {...d, timers: d.timers.filter((name) => name !== timer)};
}

function cancelAll(d: Draft, fx: Fx): Draft {
  for (const timer of d.timers) fx.push({type: 'timer.cancel', timer});
  return d.timers.length === 0 ? d : {...d, timers: []};
}

/** Credentials name this session: a different session starts from scratch. */
function adoptSession(d: Draft, sessionId: string): Draft {
  return d.sessionId === sessionId ? d : {...forgetSession(d), sessionId};
}

function forgetSession(d: Draft): Draft {
  return {
    ...d,
    sessionId: null,
    capabilities: null,
    joined: false,
    joinPendingOn: null,
    joinResends: 0,
    handoff: 'none',
    refusedHandshakes: 0,
    heartbeatEchoed: false,
    silenceReplaced: false,
    echoless: false,
  };
}

/**
 * Fetch credentials next. `newSession`: the conversation is over (ask for a new one), or false: a
 * re-fetch for the same conversation (the backend hands back the pair it holds).
 */
function dropCredentials(d: Draft, newSession: boolean): Draft {
  return {
    ...d,
    credentialsEpoch: null,
    credentialsHadSession: false,
    credentialsFresh: false,
    expiresAt: null,
    baseUrl: null,
    newSession,
  };
}

function freshConversation(
  base: {readonly epoch: number; readonly offline: boolean; readonly timers: SessionData['timers']},
  streaming: boolean,
  newSession: boolean,
): Draft {
  return {
    epoch: base.epoch,
    offline: base.offline,
    timers: base.timers,
    phase: 'waiting',
    streaming,
    credentialsEpoch: null,
    newSession,
    baseUrl: null,
    credentialsHadSession: false,
    credentialsFresh: false,
    sessionId: null,
    expiresAt: null,
    capabilities: null,
    joined: false,
    joinPendingOn: null,
    joinResends: 0,
    handoff: 'none',
    established: false,
    attempt: 0,
    failures: 0,
    retryAt: null,
    newSessionsInRow: 0,
    refusedHandshakes: 0,
    heartbeatEchoed: false,
    silenceReplaced: false,
    echoless: false,
    openedAt: null,
    lastInboundAt: null,
    probing: false,
    ending: false,
    error: null,
  };
}

/** A socket exists (opening or open). */
function hasSocket(phase: Phase): boolean {
  return phase === 'socket' || phase === 'history' || isLinkPhase(phase);
}

/** A socket is open: we can send on it. */
function isOpen(phase: Phase): boolean {
  return phase === 'history' || isUsable(phase);
}

/** An open socket of an established chat: heartbeats, liveness and probes run on it. */
function isUsable(phase: Phase): boolean {
  return phase === 'ready' || phase === 'replay';
}

function isLinkPhase(phase: Phase): phase is LinkPhase {
  return phase === 'ready' || phase === 'replay' || phase === 'recycle-socket';
}

/** Status follows from the data: link phases are live/handoff, the rest (re)connecting. */
function settle(d: Draft): ActiveState {
  const {phase} = d;
  if (isLinkPhase(phase)) {
    return d.handoff === 'none' ? {...d, phase, status: 'live'} : {...d, phase, status: 'handoff'};
  }
  return d.established ? {...d, phase, status: 'reconnecting'} : {...d, phase, status: 'connecting'};
}
