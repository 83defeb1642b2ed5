// SessionRuntime: the imperative shell around the pure core. It feeds facts (socket frames, fetch
// results, timers, page lifecycle) to the session machine, carries out the machine's effects
// against the injected environment, keeps the transcript with the pure reducer, and publishes an
// immutable snapshot. It holds the access token (per credentials epoch) and never exposes it.
import {transition} from '../machine/transition.js';
import {initialState} from '../machine/state.js';
import type {State} from '../machine/state.js';
import type {MachineEvent} from '../machine/event.js';
import type {Effect, NewSessionReason} from '../machine/effect.js';
import type {TimerName} from '../machine/timer-name.js';
import {canSend, retryInfo, sessionIdOf} from '../machine/selectors.js';
import {
  encodeClientEvent,
  endSessionEvent,
  heartbeatEvent,
  joinEvent,
  typingEvent,
  userMessageEvent,
  utf8ByteLength,
} from '../protocol/encode.js';
import {createTranscript, reduceTranscript, selectTyping} from '../protocol/transcript.js';
import type {TranscriptAction, TranscriptState} from '../protocol/transcript-types.js';
import {decodeBatchElements} from '../protocol/decode-frame.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {START_POINT, closeGapsThrough, noteSequence, resumeCursor} from '../protocol/resume-point.js';
import type {ResumePoint} from '../protocol/resume-point.js';
import {DEFAULT_MAX_MESSAGE_SIZE_BYTES} from '../protocol/wire.js';
import type {ClientEvent, ServerEvent} from '../protocol/wire.js';
import {callCredentialsProvider, fetchCredentials} from '../transport/credentials-client.js';
import {createSession} from '../transport/session-client.js';
import {buildSocketUrl, resolveBaseUrl} from '../transport/url-policy.js';
import {openSocket} from '../transport/socket.js';
import type {SocketHandle} from '../transport/socket.js';
import {Outbox, localMessageId} from './outbox.js';
import type {LifecycleSignal, RuntimeEnv} from './runtime-env.js';
import type {ChatError, ChatSnapshot} from './snapshot.js';
import type {SessionRuntimeApi, SessionRuntimeOptions} from './session-runtime-api.js';
import {LazyTimers} from './lazy-timers.js';
import {newestSliceStart, planFrame, stateElements} from './frame-plan.js';

/** How long a sent message may wait for its echo on an open socket before it is sent again. */
export const ECHO_TIMEOUT_MS = 5_000;
/** Sends of one message on healthy sockets before it is marked failed (first send + 2 retries). */
export const MAX_SENDS = 3;
/**
 * A history may come in several batches (§3.4). Queued messages go out only once no further batch
 * arrived for this long (or a live event came), so echoes in a later batch are known first.
 */
export const REPLAY_SETTLE_MS = 250;
/**
 * A history batch that adds at least this many messages announces them ('message' events) in a
 * task of their own, ANNOUNCE_DELAY_MS later, instead of inside the frame's task: a replay of
 * thousands of messages would otherwise hold the main thread (and the first render) for as many
 * DOM events. Order is kept: anything announced later flushes them first.
 */
export const DEFERRED_ANNOUNCE_MIN = 50;
export const ANNOUNCE_DELAY_MS = 50;
/**
 * A batch frame with more than SLICED_BATCH_MIN events (a long history replay) is applied newest
 * first: its newest NEWEST_SLICE events (more than a panel shows) are shown at once, the older ones
 * follow in slices of BATCH_SLICE events, one task each (see applySliced), so the main thread is
 * never held for the whole batch and the reader's first view never waits for its oldest part.
 * Smaller batches are applied in one task: for them the extra tasks would only delay the render.
 */
export const SLICED_BATCH_MIN = 200;
export const NEWEST_SLICE = 100;
export const BATCH_SLICE = 500;
/** Deferred announcements go out this many per task: each is a DOM event on the host page. */
export const ANNOUNCE_SLICE = 200;
/** USER_TYPING STARTED at most this often while the user keeps typing. */
export const TYPING_THROTTLE_MS = 3_000;
/** USER_TYPING STOPPED after this long without keystrokes (the SDKs use ~5 s). */
export const TYPING_IDLE_MS = 5_000;

interface HeldCredentials {
  readonly accessToken: string;
  readonly httpBase: string;
  readonly wsUrl: string;
}

interface OpenSocket {
  readonly epoch: number;
  readonly handle: SocketHandle;
  /** The first batch (the history replay) of this socket has been processed. */
  historySeen: boolean;
  /** outbox.flush was asked for while batches may still be coming: flush when they settle. */
  flushPending: boolean;
  /** Frames received so far (any frame is proof of life). */
  frames: number;
}

/** Runtime-local timers (the machine's own timers are keyed by TimerName). */
type LocalTimer = 'typing-expiry' | 'typing-idle' | 'replay-settle' | 'announce' | 'slice' | `echo:${string}`;

const NO_MESSAGES: readonly PolyChatMessage[] = [];

export class SessionRuntime extends EventTarget implements SessionRuntimeApi {
  private machine: State = initialState();
  private transcript: TranscriptState = createTranscript();
  /** Which sequences of the current session arrived: the reconnect cursor never skips a lost one. */
  private resume: {readonly sessionId: string | null; readonly point: ResumePoint} = {sessionId: null, point: START_POINT};
  private readonly credentials = new Map<number, HeldCredentials>();
  private socket: OpenSocket | null = null;
  private readonly machineTimers: LazyTimers<TimerName>;
  private readonly localTimers: LazyTimers<LocalTimer>;
  /** >0 while a socket frame is processed: its dispatches publish one snapshot at the end. */
  private holding = 0;
  /** What the unsent store holds (see keepUnsent). */
  private keptUnsent: {readonly sessionId: string | null; readonly version: number} = {sessionId: null, version: -1};
  /** Conversations whose kept unsent messages were taken back (once per runtime). */
  private readonly restoredUnsent = new Set<string>();
  /** A long batch being applied in slices (see BATCH_SLICE), with the frames of its socket that arrived meanwhile. */
  private slicing: {readonly socket: OpenSocket; readonly backlog: string[]} | null = null;
  /** Messages of a large history batch waiting to be announced (see DEFERRED_ANNOUNCE_MIN). */
  private deferredAnnouncements: PolyChatMessage[] = [];
  private readonly outbox = new Outbox();
  private current: ChatSnapshot;
  private localError: ChatError | null = null;
  private unsubscribeLifecycle: (() => void) | null = null;
  private disposed = false;
  private dispatching = false;
  private readonly queue: MachineEvent[] = [];
  private typingSentAt: number | null = null;
  private restartWaiters: Array<() => void> = [];

  constructor(
    private readonly options: SessionRuntimeOptions,
    private readonly env: RuntimeEnv,
  ) {
    super();
    this.machineTimers = new LazyTimers(env);
    this.localTimers = new LazyTimers(env);
    this.current = this.buildSnapshot();
  }

  get snapshot(): ChatSnapshot {
    return this.current;
  }

  // ---- public API ------------------------------------------------------------------------------

  start(): void {
    if (this.disposed || this.machine.status !== 'idle') return;
    if (!this.options.credentials && !this.options.endpoint) return;
    if (this.env.subscribeLifecycle && !this.unsubscribeLifecycle) {
      this.unsubscribeLifecycle = this.env.subscribeLifecycle((signal) => this.onLifecycle(signal));
    }
    if (this.env.isOnline && !this.env.isOnline()) this.dispatch({type: 'network.offline'});
    this.dispatch({type: 'start', streaming: this.options.streaming});
  }

  send(text: string): void {
    if (this.disposed || this.machine.status === 'ended') return;
    if (text.trim() === '') return;
    const limit = this.maxMessageSizeBytes();
    // The frame carries JSON around the text: measure what actually goes on the wire.
    const probe = encodeClientEvent(userMessageEvent(text, '00000000-0000-0000-0000-000000000000'));
    if (utf8ByteLength(probe) > limit) {
      this.fail({code: 'message-too-large', message: `The message is larger than the ${limit}-byte limit and was not sent.`});
      return;
    }
    const clientEventId = this.env.randomId();
    this.outbox.add(clientEventId, text);
    this.applyTranscript({type: 'local-send', clientEventId, text, now: this.env.now()});
    this.typingStopped();
    if (canSend(this.machine)) this.flushOutbox();
    this.publish();
  }

  retryMessage(clientEventId: string): void {
    const entry = this.outbox.get(clientEventId);
    if (this.disposed || !entry || !entry.failed) return;
    this.outbox.markRetried(entry);
    this.applyTranscript({type: 'local-retry', clientEventId});
    if (canSend(this.machine)) this.flushOutbox();
    this.publish();
  }

  typing(active: boolean): void {
    if (this.disposed || !canSend(this.machine)) return;
    if (!active) {
      this.typingStopped();
      return;
    }
    const now = this.env.now();
    if (this.typingSentAt === null || now - this.typingSentAt >= TYPING_THROTTLE_MS) {
      if (this.sendOnSocket(typingEvent('TYPING_STATE_STARTED'))) this.typingSentAt = now;
    }
    this.startLocalTimer('typing-idle', TYPING_IDLE_MS, () => this.typingStopped());
  }

  end(): void {
    this.dispatch({type: 'user.ended'});
  }

  restart(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const settled = new Promise<void>((resolve) => this.restartWaiters.push(resolve));
    if (this.machine.status === 'idle') this.start();
    else this.dispatch({type: 'user.restart'});
    return settled;
  }

  retryNow(): void {
    this.dispatch({type: 'user.retryNow'});
  }

  dispose(): void {
    if (this.disposed) return;
    this.dispatch({type: 'dispose'});
    this.disposed = true;
    this.socket?.handle.close(1000, 'disposed');
    this.socket = null;
    this.machineTimers.clear();
    this.localTimers.clear();
    this.deferredAnnouncements = [];
    this.credentials.clear();
    this.unsubscribeLifecycle?.();
    this.unsubscribeLifecycle = null;
    this.resolveRestartWaiters();
    // What was not confirmed stays kept, for the next element of the conversation to send.
    this.keepUnsent();
    this.env.unsentStore?.release(this);
  }

  // ---- machine loop ----------------------------------------------------------------------------

  /** Feeds one fact to the machine; effects may feed more, which queue behind it (no re-entry). */
  private dispatch(event: DistributiveOmit<MachineEvent, 'at' | 'jitter'>): void {
    if (this.disposed) return;
    this.queue.push({...event, at: this.env.now(), jitter: this.env.random()} as MachineEvent);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const previous = this.machine;
        const result = transition(this.machine, next);
        this.machine = result.state;
        for (const effect of result.effects) this.run(effect);
        if (previous !== this.machine) this.onMachineChanged(previous);
      }
    } finally {
      this.dispatching = false;
    }
    this.publish();
  }

  private onMachineChanged(previous: State): void {
    const status = this.machine.status;
    if (status !== 'connecting' && status !== 'reconnecting' && status !== previous.status) {
      if (status === 'live' || status === 'handoff' || status === 'ended') this.resolveRestartWaiters();
    }
    if (status === 'live' || status === 'handoff') this.localError = null;
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'credentials.fetch':
        void this.fetchCredentials(effect.epoch, effect.newSession, effect.streaming);
        return;
      case 'session.create':
        void this.createSession(effect.epoch, effect.credentialsEpoch, effect.streaming);
        return;
      case 'socket.open':
        this.openSocket(effect.epoch, effect.credentialsEpoch, effect.sessionId, effect.cursor ?? 0);
        return;
      case 'socket.close':
        if (this.socket && this.socket.epoch === effect.epoch) {
          this.socket.handle.close(effect.code, effect.reason);
          this.socket = null;
        }
        return;
      case 'send.join':
        this.sendOnSocket(joinEvent(), effect.epoch);
        return;
      case 'send.heartbeat':
        this.sendOnSocket(heartbeatEvent(), effect.epoch);
        return;
      case 'send.end':
        this.sendOnSocket(endSessionEvent(), effect.epoch);
        return;
      case 'outbox.flush':
        this.outbox.resetConnection();
        if (this.socket && this.socket.epoch === effect.epoch) {
          this.socket.flushPending = true;
          this.startLocalTimer('replay-settle', REPLAY_SETTLE_MS, () => this.settleReplay());
        }
        return;
      case 'timer.start':
        this.startMachineTimer(effect.timer, effect.delayMs, effect.epoch);
        return;
      case 'timer.cancel':
        this.cancelMachineTimer(effect.timer);
        return;
      case 'transcript.newSession':
        this.beginNewConversation(effect.reason);
        return;
      case 'emit.error':
        this.emit('error', {code: effect.code, message: effect.message});
        return;
      case 'emit.end':
        this.emit('end', {reason: effect.reason});
        this.typingStopped();
        return;
    }
  }

  // ---- effects ---------------------------------------------------------------------------------

  private async fetchCredentials(epoch: number, newSession: boolean, streaming: boolean): Promise<void> {
    const request = {newSession, streaming};
    const result = this.options.credentials
      ? await callCredentialsProvider(this.options.credentials, request)
      : await fetchCredentials(this.options.endpoint ?? '', request, {
          fetch: this.env.fetch,
          baseHref: this.env.baseHref,
          now: () => this.env.now(),
        });
    if (this.disposed || epoch !== this.machine.epoch) return;
    if (!result.ok) {
      if (result.code === 'credentials-insecure') {
        this.localError = {code: 'insecure-url', message: result.message};
        this.dispatch({type: 'credentials.insecure', epoch});
      } else {
        // A failure the machine retries is still news for the host (its own backend is failing);
        // one it gives up on is reported by the machine when the chat ends.
        if (result.retryable) this.emit('error', {code: result.code, message: result.message});
        this.dispatch({
          type: 'credentials.failed',
          epoch,
          retryable: result.retryable,
          error: {code: result.code, message: result.message},
        });
      }
      return;
    }
    const base = resolveBaseUrl(result.credentials.base_url);
    if (!base.ok) {
      // Refused before any connection: a non-loopback http:/ws: host would carry the token in clear.
      this.localError = {code: base.code, message: base.message};
      if (base.code === 'insecure-url') this.dispatch({type: 'credentials.insecure', epoch});
      else this.dispatch({type: 'credentials.failed', epoch, retryable: false, error: {code: base.code, message: base.message}});
      return;
    }
    // Only the newest credentials are ever used again: older epochs' tokens are forgotten.
    this.credentials.clear();
    this.credentials.set(epoch, {accessToken: result.credentials.access_token, httpBase: base.httpBase, wsUrl: base.wsUrl});
    this.dispatch({
      type: 'credentials.resolved',
      epoch,
      hasSession: typeof result.credentials.session_id === 'string' && result.credentials.session_id !== '',
      sessionId: result.credentials.session_id,
      baseUrl: base.httpBase,
      expiresIn: result.credentials.expires_in,
    });
  }

  private async createSession(epoch: number, credentialsEpoch: number, streaming: boolean): Promise<void> {
    const held = this.credentials.get(credentialsEpoch);
    if (!held) {
      this.dispatch({
        type: 'session.failed',
        epoch,
        retryable: false,
        status: 401,
        error: {code: 'session-invalid', message: 'No credentials to create a session with.'},
      });
      return;
    }
    const result = await createSession(held.httpBase, held.accessToken, {streaming}, {
      fetch: this.env.fetch,
      now: () => this.env.now(),
    });
    if (this.disposed || epoch !== this.machine.epoch) return;
    if (result.ok) {
      this.dispatch({type: 'session.created', epoch, sessionId: result.sessionId});
    } else {
      this.dispatch({
        type: 'session.failed',
        epoch,
        retryable: result.retryable,
        status: result.needsNewCredentials ? 401 : result.status,
        error: {code: result.code, message: result.message},
      });
    }
  }

  private openSocket(epoch: number, credentialsEpoch: number, sessionId: string, cursor: number): void {
    const held = this.credentials.get(credentialsEpoch);
    // A replaced socket (recycle, liveness) must not report anything once superseded.
    this.socket?.handle.close(4000, 'replaced');
    this.socket = null;
    if (!held) {
      this.dispatch({type: 'socket.closed', epoch, code: 1006, reason: '', wasOpen: false});
      return;
    }
    if (this.transcript.sessionId !== sessionId) this.applyTranscript({type: 'new-session', sessionId});
    this.restoreUnsent(sessionId);
    if (this.resume.sessionId !== sessionId) this.resume = {sessionId, point: START_POINT};
    // The machine's cursor is the highest sequence seen; below it an event may still be missing
    // (reordered, then cut off by a drop): resume from the last point with nothing missing.
    const from = Math.min(cursor, resumeCursor(this.resume.point));
    const url = buildSocketUrl(held.wsUrl, {sessionId, accessToken: held.accessToken, cursor: from});
    const entry: OpenSocket = {
      epoch,
      historySeen: false,
      flushPending: false,
      frames: 0,
      handle: openSocket(
        url,
        {
          onOpen: () => this.dispatch({type: 'socket.opened', epoch}),
          onFrame: (data) => this.onFrame(entry, data),
          onBinary: () => this.onBadFrame(entry, 'binary frame'),
          onClose: (code, reason, wasOpen) => {
            if (this.socket === entry) this.socket = null;
            this.dispatch({type: 'socket.closed', epoch, code, reason, wasOpen});
          },
        },
        {WebSocket: this.env.WebSocket, reportError: this.env.reportError},
      ),
    };
    this.socket = entry;
  }

  private onFrame(socket: OpenSocket, data: string): void {
    if (this.disposed || this.socket !== socket) return;
    if (this.slicing !== null) {
      if (this.slicing.socket === socket) {
        this.slicing.backlog.push(data);
        return;
      }
      this.stopSlicing();
    }
    socket.frames++;
    // One frame, one snapshot: the dispatches below would each publish (and build a snapshot).
    this.holding++;
    try {
      this.applyFrame(socket, data);
    } finally {
      this.holding--;
    }
    this.publish();
  }

  private applyFrame(socket: OpenSocket, data: string): void {
    this.dispatch({type: 'socket.frame', epoch: socket.epoch});
    const plan = planFrame(data, SLICED_BATCH_MIN);
    const previousMessages = this.transcript.messages;
    if (plan.sliced) {
      this.applySliced(socket, plan.elements, previousMessages, !socket.historySeen);
      return;
    }
    const decoded = plan.decoded;
    if (!decoded.ok) {
      this.onBadFrame(socket, decoded.problem.detail);
      return;
    }
    const isHistory = !socket.historySeen && decoded.batch;
    this.applyEvents(socket, decoded.events, decoded.batch, isHistory);
    const sequenced = !decoded.batch && decoded.events.some((event) => event.sequence !== null);
    this.finishFrame(socket, decoded.batch, sequenced, previousMessages, isHistory);
  }

  /**
   * Events of one frame, or of one slice of a long one: the sequences (a replay's slice runs in order
   * through its top like the whole), the transcript, the machine.
   */
  private applyEvents(socket: OpenSocket, events: readonly ServerEvent[], batch: boolean, isHistory: boolean): void {
    this.reduceEvents(events);
    this.noteEvents(socket, events, batch, isHistory);
  }

  private reduceEvents(events: readonly ServerEvent[]): void {
    if (events.length > 0) this.applyTranscript({type: 'server', events, now: this.env.now()});
  }

  /** What the events tell beyond the transcript: the resume point and the machine. */
  private noteEvents(socket: OpenSocket, events: readonly ServerEvent[], batch: boolean, isHistory: boolean): void {
    this.trackSequences(events, isHistory);
    if (events.length > 0) this.dispatch({type: 'server.events', epoch: socket.epoch, events, replayed: batch});
  }

  /**
   * A long batch, newest first: its newest NEWEST_SLICE events, and the older part's few events that
   * are not plain messages, go into the transcript in the frame's own task and are published at
   * once, so the messages a reader sees first are painted before the rest is even decoded. The older events follow after that paint, BATCH_SLICE per task, in order;
   * the newest slice reaches the resume point and the machine last, so both see the batch in order
   * (the transcript does not care about order). Frames arriving meanwhile wait their turn.
   */
  private applySliced(socket: OpenSocket, elements: readonly unknown[], previousMessages: readonly PolyChatMessage[], isHistory: boolean): void {
    const slicing = {socket, backlog: [] as string[]};
    const newestFrom = newestSliceStart(elements, NEWEST_SLICE, BATCH_SLICE);
    const newest = decodeBatchElements(elements.slice(newestFrom));
    const newestEvents = newest.ok ? newest.events : [];
    // With the older part's state events (joins, handoff, language…): the first view has its final
    // header and authors. The slices below apply them again (deduplicated) for the machine's sake.
    const state = decodeBatchElements(stateElements(elements, newestFrom));
    this.reduceEvents(state.ok ? [...state.events, ...newestEvents] : newestEvents);
    this.slicing = slicing;
    this.publish(true);
    this.holding++;
    let next = 0;
    const step = (): void => {
      if (this.slicing !== slicing) return;
      if (this.disposed || this.socket !== socket) {
        // The socket is gone (its frames no longer count) or the runtime is: let go. The resume point
        // covers only the slices applied in order, so a reconnect replays the rest.
        this.stopSlicing();
        return;
      }
      const slice = elements.slice(next, Math.min(next + BATCH_SLICE, newestFrom));
      next += slice.length;
      this.holding++;
      try {
        const decoded = decodeBatchElements(slice);
        if (decoded.ok) this.applyEvents(socket, decoded.events, true, isHistory);
        if (next < newestFrom) {
          this.startLocalTimer('slice', 0, step);
          return;
        }
        this.noteEvents(socket, newestEvents, true, isHistory);
        this.slicing = null;
        this.holding--;
        this.finishFrame(socket, true, false, previousMessages, isHistory);
      } finally {
        this.holding--;
      }
      this.publish();
      for (const frame of slicing.backlog) this.onFrame(socket, frame);
    };
    if (this.env.afterNextPaint) this.env.afterNextPaint(step);
    else this.startLocalTimer('slice', 0, step);
  }

  /** Abandons a sliced batch whose socket is gone, releasing the snapshot it held back. */
  private stopSlicing(): void {
    if (this.slicing === null) return;
    this.slicing = null;
    this.cancelLocalTimer('slice');
    this.holding--;
    this.publish();
  }

  /** `sequenced`: a live (non-batch) frame with an event that has a sequence. */
  private finishFrame(
    socket: OpenSocket,
    batch: boolean,
    sequenced: boolean,
    previousMessages: readonly PolyChatMessage[],
    isHistory: boolean,
  ): void {
    if (isHistory) {
      socket.historySeen = true;
      this.dispatch({
        type: 'history.received',
        epoch: socket.epoch,
        joined: this.transcript.joined,
        capabilities: this.transcript.capabilities ?? undefined,
      });
    }
    // Published before the message events go out, so their listeners see the new transcript.
    this.publish(true);
    this.afterTranscriptChange(previousMessages, batch);
    if (socket.flushPending) {
      // Another batch: the replay may go on. A live event ends it only when nothing below it is
      // missing: a server may send live events between replay batches, and an echo still to come
      // in a later batch must not be answered by a second send.
      if (batch) this.startLocalTimer('replay-settle', REPLAY_SETTLE_MS, () => this.settleReplay());
      else if (sequenced && this.resume.point.above.length === 0) this.settleReplay();
    }
  }

  private trackSequences(events: readonly ServerEvent[], firstBatch: boolean): void {
    let point = this.resume.point;
    let top = 0;
    for (const event of events) if (event.sequence !== null && event.sequence > top) top = event.sequence;
    // The first batch of a socket is the server's replay from our cursor, in order: what it skipped
    // does not exist. Closing the gaps through its top notes every sequence in it at once (noted one
    // by one, every sequence after a gap in the numbering would be sorted into `above`, quadratic in
    // the batch); any other frame's sequences are noted one by one.
    if (firstBatch) point = closeGapsThrough(point, top);
    else for (const event of events) if (event.sequence !== null) point = noteSequence(point, event.sequence);
    if (point !== this.resume.point) this.resume = {sessionId: this.resume.sessionId, point};
  }

  /** The replay is complete: send what its echoes did not confirm. */
  private settleReplay(): void {
    this.cancelLocalTimer('replay-settle');
    const socket = this.socket;
    if (!socket || !socket.flushPending) return;
    socket.flushPending = false;
    // A join lost with the previous socket goes out again first (the machine decides), then the messages.
    this.dispatch({type: 'replay.settled', epoch: socket.epoch});
    this.outbox.pruneConfirmed(this.transcript.messages);
    this.flushOutbox();
    this.publish();
  }

  /** Garbage from the server is reported for diagnostics and otherwise ignored: the chat goes on. */
  private onBadFrame(socket: OpenSocket, detail: string): void {
    if (this.disposed || this.socket !== socket) return;
    this.emit('error', {code: 'protocol-error', message: `Ignored a malformed message from the chat service (${detail}).`});
  }

  private sendOnSocket(event: ClientEvent, epoch?: number): boolean {
    const socket = this.socket;
    if (!socket || (epoch !== undefined && socket.epoch !== epoch)) return false;
    return socket.handle.send(encodeClientEvent(event));
  }

  // ---- outbox ----------------------------------------------------------------------------------

  /** Sends every waiting message not yet on the current connection, in order. */
  private flushOutbox(): void {
    const socket = this.socket;
    if (!socket || socket.flushPending || !canSend(this.machine)) return;
    for (const entry of this.outbox.waiting()) {
      if (entry.sentOnEpoch === socket.epoch) continue;
      if (!socket.handle.send(encodeClientEvent(userMessageEvent(entry.text, entry.clientEventId)))) return;
      entry.sends++;
      entry.sentOnEpoch = socket.epoch;
      entry.framesAtSend = socket.frames;
      this.armEchoTimer(entry.clientEventId, socket.epoch);
    }
  }

  private armEchoTimer(clientEventId: string, epoch: number): void {
    this.startLocalTimer(`echo:${clientEventId}`, ECHO_TIMEOUT_MS, () => {
      const entry = this.outbox.get(clientEventId);
      if (!entry || entry.failed) return;
      const socket = this.socket;
      // A dropped connection re-sends on reconnect (after the replay shows what arrived).
      if (!socket || socket.epoch !== epoch || !canSend(this.machine)) return;
      if (socket.frames === entry.framesAtSend) {
        // Not even a heartbeat echo since it went out: the socket may be dead while the browser
        // thinks it open. Probe it, and judge again later without spending a send: a dead socket
        // is replaced, and the replay on the new one shows whether the message arrived.
        this.dispatch({type: 'socket.suspect', epoch});
        this.armEchoTimer(clientEventId, epoch);
        return;
      }
      if (entry.sends >= MAX_SENDS) {
        this.outbox.markFailed(entry);
        this.applyTranscript({type: 'local-failed', clientEventId});
        this.emit('error', {code: 'send-failed', message: 'A message could not be delivered.'});
      } else {
        entry.sentOnEpoch = null;
        this.flushOutbox();
      }
      this.publish();
    });
  }

  private typingStopped(): void {
    this.cancelLocalTimer('typing-idle');
    if (this.typingSentAt === null) return;
    this.typingSentAt = null;
    this.sendOnSocket(typingEvent('TYPING_STATE_STOPPED'));
  }

  // ---- transcript ------------------------------------------------------------------------------

  private applyTranscript(action: TranscriptAction): void {
    const before = this.transcript.messages;
    this.transcript = reduceTranscript(this.transcript, action);
    if (action.type !== 'server') this.afterTranscriptChange(before);
  }

  /** After messages changed: drop confirmed outbox entries, announce new/completed messages, typing expiry. */
  private afterTranscriptChange(before: readonly PolyChatMessage[], batch = false): void {
    const after = this.transcript.messages;
    if (after === before) return;
    for (const id of this.outbox.pruneConfirmed(after)) this.cancelLocalTimer(`echo:${id}`);
    this.announceMessages(before, after, batch);
    const typing = this.transcript.typing;
    if (typing) {
      const delay = Math.max(1, typing.expiresAt - this.env.now());
      this.startLocalTimer('typing-expiry', delay, () => {
        this.applyTranscript({type: 'tick', now: this.env.now()});
        this.publish();
      });
    }
  }

  private announceMessages(before: readonly PolyChatMessage[], after: readonly PolyChatMessage[], batch: boolean): void {
    // A replay into an empty transcript: every message is news (no walk over thousands of them).
    if (before.length === 0) {
      this.announce(after, batch);
      return;
    }
    const news: PolyChatMessage[] = [];
    // Usually `after` is `before` with a message changed in place or appended (a chunk, an echo):
    // compare slot by slot (identity first, no allocation) and only index `before` by id when the
    // order shifted. Per socket frame this is a pointer walk, not a map of the whole history.
    let previous: Map<string, PolyChatMessage> | null = null;
    for (let i = 0; i < after.length; i++) {
      const message = after[i] as PolyChatMessage;
      let old = before[i];
      if (old === message) continue;
      if (old === undefined || old.id !== message.id) {
        if (previous === null) {
          previous = new Map();
          for (const known of before) previous.set(known.id, known);
        }
        old = previous.get(message.id);
      }
      if (!old || (!old.complete && message.complete)) news.push(message);
    }
    this.announce(news, batch);
  }

  /** Emits 'message' for `news` now, or for a big batch in tasks of their own (DEFERRED_ANNOUNCE_MIN). */
  private announce(news: readonly PolyChatMessage[], batch: boolean): void {
    if (batch && news.length >= DEFERRED_ANNOUNCE_MIN) {
      this.deferredAnnouncements = this.deferredAnnouncements.concat(news);
      this.startLocalTimer('announce', ANNOUNCE_DELAY_MS, () => this.flushAnnouncements(ANNOUNCE_SLICE));
      return;
    }
    if (news.length > 0) this.flushAnnouncements();
    for (const message of news) this.emit('message', {message});
  }

  /** Emits the deferred announcements: all of them, or `limit` per task (the rest in the next). */
  private flushAnnouncements(limit = Infinity): void {
    this.cancelLocalTimer('announce');
    const waiting = this.deferredAnnouncements;
    if (waiting.length === 0) return;
    const now = waiting.length > limit ? waiting.slice(0, limit) : waiting;
    this.deferredAnnouncements = now === waiting ? [] : waiting.slice(limit);
    if (this.deferredAnnouncements.length > 0) this.startLocalTimer('announce', 0, () => this.flushAnnouncements(limit));
    for (const message of now) this.emit('message', {message});
  }

  private beginNewConversation(reason: NewSessionReason): void {
    const key = reason === 'restart' ? 'new-conversation' : `new-conversation-${reason}`;
    const text =
      reason === 'restart'
        ? 'A new conversation started.'
        : 'The previous conversation could not be continued, so a new one started.';
    this.applyTranscript({type: 'notice', key, text, level: 'info', now: this.env.now()});
    // Unconfirmed messages of the old session belong to the new one now: they go out once it is live.
    this.outbox.resetConnection();
  }

  // ---- timers ----------------------------------------------------------------------------------

  private startMachineTimer(timer: TimerName, delayMs: number, epoch: number): void {
    this.machineTimers.start(timer, delayMs, () => this.dispatch({type: 'timer.fired', epoch, timer}));
  }

  private cancelMachineTimer(timer: TimerName): void {
    this.machineTimers.cancel(timer);
  }

  private startLocalTimer(timer: LocalTimer, delayMs: number, callback: () => void): void {
    if (this.disposed) return;
    this.localTimers.start(timer, delayMs, () => {
      if (!this.disposed) callback();
    });
  }

  private cancelLocalTimer(timer: LocalTimer): void {
    this.localTimers.cancel(timer);
  }

  /** Timers still scheduled (machine and local): for leak tests. */
  get pendingTimerCount(): number {
    return this.machineTimers.size + this.localTimers.size;
  }

  /** A socket is held (open or opening): for leak tests. */
  get hasSocket(): boolean {
    return this.socket !== null;
  }

  // ---- lifecycle, snapshot, events -------------------------------------------------------------

  private onLifecycle(signal: LifecycleSignal): void {
    const type = ({offline: 'network.offline', online: 'network.online', hidden: 'page.hidden', shown: 'page.shown'} as const)[
      signal
    ];
    this.dispatch({type});
  }

  private maxMessageSizeBytes(): number {
    return this.transcript.capabilities?.maxMessageSizeBytes ?? DEFAULT_MAX_MESSAGE_SIZE_BYTES;
  }

  private fail(error: ChatError): void {
    this.emit('error', error);
  }

  private buildSnapshot(): ChatSnapshot {
    const machine = this.machine;
    const transcript = this.transcript;
    const typing = selectTyping(transcript, this.env.now());
    const machineError = machine.status === 'idle' ? null : machine.error;
    return {
      status: machine.status,
      sessionId: sessionIdOf(machine),
      messages: transcript.messages.length === 0 ? NO_MESSAGES : transcript.messages,
      agent: transcript.agent,
      liveAgent: transcript.liveAgent,
      handoff: transcript.handoff,
      typing: typing ? {role: typing.role, ...(typing.name === undefined ? {} : {name: typing.name})} : null,
      error: machineError ?? this.localError,
      retry: retryInfo(machine),
      endReason: machine.status === 'ended' ? machine.reason : null,
      language: transcript.language,
      offline: machine.offline,
      maxMessageSizeBytes: this.maxMessageSizeBytes(),
      replaying: this.slicing !== null,
    };
  }

  /** Replaces the snapshot when anything it shows changed, and tells listeners once. */
  /** `evenWhileHolding`: mid-frame, when what follows (message events) must see the new snapshot. */
  private publish(evenWhileHolding = false): void {
    this.keepUnsent();
    if (this.dispatching || (this.holding > 0 && !evenWhileHolding)) return;
    const next = this.buildSnapshot();
    if (snapshotsEqual(this.current, next)) return;
    this.current = next;
    this.dispatchEvent(new Event('change'));
  }

  /** Mirrors the outbox into the unsent store (unsent-store.ts) when it, or the conversation, changed. */
  private keepUnsent(): void {
    const store = this.env.unsentStore;
    const sessionId = this.transcript.sessionId;
    if (!store || sessionId === null) return;
    if (this.outbox.version === this.keptUnsent.version && sessionId === this.keptUnsent.sessionId) return;
    // Unconfirmed messages of a conversation that could not go on belong to the new one now.
    if (this.keptUnsent.sessionId !== null && this.keptUnsent.sessionId !== sessionId) store.keep(this.keptUnsent.sessionId, this, []);
    store.keep(sessionId, this, this.outbox.all());
    this.keptUnsent = {sessionId, version: this.outbox.version};
  }

  /** An earlier page (or element) left unconfirmed messages of this conversation: ours to send now. */
  private restoreUnsent(sessionId: string): void {
    const store = this.env.unsentStore;
    if (!store || this.restoredUnsent.has(sessionId)) return;
    this.restoredUnsent.add(sessionId);
    for (const message of store.take(sessionId, this)) {
      if (this.outbox.get(message.clientEventId)) continue;
      const entry = this.outbox.add(message.clientEventId, message.text);
      // Shown at once, and like any queued message sent once the replay showed it did not arrive.
      this.applyTranscript({type: 'local-send', clientEventId: message.clientEventId, text: message.text, now: this.env.now()});
      if (message.failed) {
        this.outbox.markFailed(entry);
        this.applyTranscript({type: 'local-failed', clientEventId: message.clientEventId});
      }
    }
  }

  private emit(type: 'message' | 'error' | 'end', detail: object): void {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }

  private resolveRestartWaiters(): void {
    const waiters = this.restartWaiters;
    this.restartWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function snapshotsEqual(a: ChatSnapshot, b: ChatSnapshot): boolean {
  return (
    a.status === b.status &&
    a.sessionId === b.sessionId &&
    a.messages === b.messages &&
    a.agent === b.agent &&
    a.liveAgent === b.liveAgent &&
    a.handoff === b.handoff &&
    a.typing?.role === b.typing?.role &&
    a.typing?.name === b.typing?.name &&
    a.error?.code === b.error?.code &&
    a.error?.message === b.error?.message &&
    a.retry?.attempt === b.retry?.attempt &&
    a.retry?.at === b.retry?.at &&
    a.endReason === b.endReason &&
    a.language === b.language &&
    a.offline === b.offline &&
    a.maxMessageSizeBytes === b.maxMessageSizeBytes &&
    a.replaying === b.replaying
  );
}

export {localMessageId};
