// SessionRuntime: the imperative shell around the pure core. It feeds facts (socket frames, fetch
// results, timers, page lifecycle) to the session machine and runs the machine's effects, one
// executor per effect type, with its parts each doing one job:
//   Connector    credentials, session and socket effects; holds the token (connector.ts)
//   FrameIntake  frames → accepted events, replay slicing, resume point (frame-intake.ts)
//   Courier      delivery of user messages, decided by the pure delivery.ts (courier.ts)
//   Announcer    which messages are news for the reader (announcer.ts)
//   TypingSignal USER_TYPING throttling (typing-signal.ts)
// It keeps the transcript with the pure reducer and publishes an immutable snapshot.
import {transition} from '../machine/transition.js';
import {initialState} from '../machine/state.js';
import type {State} from '../machine/state.js';
import type {MachineEvent} from '../machine/event.js';
import type {Effect, NewSessionReason} from '../machine/effect.js';
import type {TimerName} from '../machine/timer-name.js';
import {canSend} from '../machine/selectors.js';
import {encodeClientEvent, endSessionEvent, heartbeatEvent, joinEvent, typingEvent, userMessageEvent} from '../protocol/encode.js';
import {sessionFactsOf} from '../protocol/session-facts.js';
import {createTranscript, reduceTranscript} from '../protocol/transcript.js';
import type {TranscriptAction, TranscriptState} from '../protocol/transcript-types.js';
import type {PolyChatMessage} from '../protocol/message.js';
import type {ClientEvent} from '../protocol/wire.js';
import {localMessageId} from '../protocol/local-id.js';
import {Announcer} from './announcer.js';
import {Connector} from './connector.js';
import type {FactInput} from './connector.js';
import {Courier} from './courier.js';
import {FrameIntake} from './frame-intake.js';
import type {Link} from './frame-intake.js';
import {LazyTimers} from './lazy-timers.js';
import {checkMessageSize} from './message-size.js';
import type {LifecycleSignal, RuntimeEnv} from './runtime-env.js';
import {buildSnapshot, snapshotsEqual} from './snapshot-builder.js';
import type {RuntimeEventDetails} from '../model/runtime-events.js';
import type {ChatError, ChatSnapshot} from '../model/snapshot.js';
import type {SessionRuntimeApi, SessionRuntimeOptions} from '../model/session-api.js';
import {TypingSignal} from './typing-signal.js';

export {REPLAY_SETTLE_MS} from './frame-intake.js';

const LIFECYCLE_EVENTS = {offline: 'network.offline', online: 'network.online', hidden: 'page.hidden', shown: 'page.shown'} as const;

export class SessionRuntime extends EventTarget implements SessionRuntimeApi {
  private machine: State = initialState();
  private transcript: TranscriptState = createTranscript();
  private link: Link | null = null;
  private readonly machineTimers: LazyTimers<TimerName>;
  private readonly transcriptTimers: LazyTimers<'typing-expiry'>;
  private readonly connector: Connector;
  private readonly intake: FrameIntake;
  private readonly courier: Courier;
  private readonly announcer: Announcer;
  private readonly typingSignal: TypingSignal;
  /** >0 while a socket frame is processed: its dispatches publish one snapshot at the end. */
  private holding = 0;
  private current: ChatSnapshot;
  private localError: ChatError | null = null;
  private unsubscribeLifecycle: (() => void) | null = null;
  private disposed = false;
  private dispatching = false;
  private readonly queue: MachineEvent[] = [];
  private restartWaiters: Array<() => void> = [];

  constructor(
    private readonly options: SessionRuntimeOptions,
    private readonly env: RuntimeEnv,
  ) {
    super();
    this.machineTimers = new LazyTimers(env);
    this.transcriptTimers = new LazyTimers(env);
    this.connector = new Connector(options, env, {
      dispatch: (event) => this.dispatch(event),
      currentEpoch: () => (this.disposed ? null : this.machine.epoch),
      setLocalError: (error) => (this.localError = error),
      emitError: (error) => this.emit('error', error),
    });
    this.intake = new FrameIntake(env, {
      isCurrent: (link) => !this.disposed && this.link === link,
      dispatch: (event) => this.dispatch(event),
      reduce: (events) => this.applyTranscript({type: 'server', events, now: this.env.now()}),
      facts: () => sessionFactsOf(this.transcript),
      messages: () => this.transcript.messages,
      transcriptChanged: (before, batch) => this.afterTranscriptChange(before, batch),
      hold: () => this.holding++,
      release: () => this.holding--,
      publish: (evenWhileHolding) => this.publish(evenWhileHolding),
      badFrame: (detail) => this.onBadFrame(detail),
      replaySettled: (link) => this.onReplaySettled(link),
    });
    this.courier = new Courier(env, {
      write: (clientEventId, text) => this.sendOnSocket(userMessageEvent(text, clientEventId)),
      frames: () => this.link?.frames ?? 0,
      probe: (epoch) => this.dispatch({type: 'socket.suspect', epoch}),
      failed: (clientEventId) => {
        this.applyTranscript({type: 'local-failed', clientEventId});
        this.emit('error', {code: 'send-failed', message: 'A message could not be delivered.'});
      },
      restored: (clientEventId, text, failed) => {
        this.applyTranscript({type: 'local-send', clientEventId, text, now: this.env.now()});
        if (failed) this.applyTranscript({type: 'local-failed', clientEventId});
      },
      settled: () => this.publish(),
    });
    this.announcer = new Announcer(env, (message) => this.emit('message', {message}));
    this.typingSignal = new TypingSignal(env, (state) => canSend(this.machine) && this.sendOnSocket(typingEvent(state)));
    this.current = this.snapshotNow();
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
    if (this.disposed || this.machine.status === 'ended' || text.trim() === '') return;
    const tooLarge = checkMessageSize(text, this.current.maxMessageSizeBytes);
    if (tooLarge) {
      this.emit('error', tooLarge);
      return;
    }
    const clientEventId = this.env.randomId();
    this.applyTranscript({type: 'local-send', clientEventId, text, now: this.env.now()});
    this.typingSignal.stopped();
    this.courier.tell({type: 'queued', clientEventId, text});
    this.publish();
  }

  retryMessage(clientEventId: string): void {
    const entry = this.courier.outbox.entries.find((outgoing) => outgoing.clientEventId === clientEventId);
    if (this.disposed || !entry?.failed) return;
    this.applyTranscript({type: 'local-retry', clientEventId});
    this.courier.tell({type: 'retried', clientEventId});
    this.publish();
  }

  typing(active: boolean): void {
    if (this.disposed || !canSend(this.machine)) return;
    if (active) this.typingSignal.typed();
    else this.typingSignal.stopped();
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
    this.link?.handle?.close(1000, 'disposed');
    this.link = null;
    this.machineTimers.clear();
    this.transcriptTimers.clear();
    this.intake.dispose();
    this.courier.dispose();
    this.announcer.dispose();
    this.typingSignal.dispose();
    this.connector.forget();
    this.unsubscribeLifecycle?.();
    this.unsubscribeLifecycle = null;
    this.resolveRestartWaiters();
    // What was not confirmed stays kept, for the next element of the conversation to send.
    this.courier.keep(this.transcript.sessionId, this);
    this.env.unsentStore?.release(this);
  }

  /** Timers still scheduled (machine and every part's): for leak tests. */
  get pendingTimerCount(): number {
    const parts = this.intake.pendingTimers + this.courier.pendingTimers + this.announcer.pendingTimers + this.typingSignal.pendingTimers;
    return this.machineTimers.size + this.transcriptTimers.size + parts;
  }

  /** A socket is held (open or opening): for leak tests. */
  get hasSocket(): boolean {
    return this.link !== null;
  }

  // ---- the effect loop -------------------------------------------------------------------------

  /** Feeds one fact to the machine; effects may feed more, which queue behind it (no re-entry). */
  private dispatch(event: FactInput): void {
    if (this.disposed) return;
    this.queue.push({...event, at: this.env.now(), jitter: this.env.random()} as MachineEvent);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        const previous = this.machine;
        const result = transition(previous, next);
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
    if (status !== previous.status && (status === 'live' || status === 'handoff' || status === 'ended')) this.resolveRestartWaiters();
    if (status === 'live' || status === 'handoff') this.localError = null;
    // Delivery reads the machine: no socket that can take messages, no connection to send on.
    if (!canSend(this.machine) && this.courier.outbox.connection !== null) this.courier.tell({type: 'disconnected'});
  }

  private run(effect: Effect): void {
    switch (effect.type) {
      case 'credentials.fetch':
        void this.connector.fetchCredentials(effect.epoch, effect.newSession, effect.streaming);
        return;
      case 'session.create':
        void this.connector.createSession(effect.epoch, effect.credentialsEpoch, effect.streaming);
        return;
      case 'socket.open':
        this.openSocket(effect.epoch, effect.credentialsEpoch, effect.sessionId);
        return;
      case 'socket.close':
        if (this.link?.epoch === effect.epoch) {
          this.link.handle?.close(effect.code, effect.reason);
          this.link = null;
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
        this.courier.tell({type: 'disconnected'});
        if (this.link?.epoch === effect.epoch) this.intake.awaitReplay(this.link);
        return;
      case 'timer.start':
        this.machineTimers.start(effect.timer, effect.delayMs, () => this.dispatch({type: 'timer.fired', epoch: effect.epoch, timer: effect.timer}));
        return;
      case 'timer.cancel':
        this.machineTimers.cancel(effect.timer);
        return;
      case 'transcript.newSession':
        this.beginNewConversation(effect.reason);
        return;
      case 'emit.error':
        this.emit('error', {code: effect.code, message: effect.message});
        return;
      case 'emit.end':
        this.emit('end', {reason: effect.reason});
        this.typingSignal.stopped();
        return;
    }
  }

  private openSocket(epoch: number, credentialsEpoch: number, sessionId: string): void {
    // A replaced socket (recycle, liveness) must not report anything once superseded.
    this.link?.handle?.close(4000, 'replaced');
    this.link = null;
    if (this.transcript.sessionId !== sessionId) this.applyTranscript({type: 'new-session', sessionId});
    this.intake.events.socketOpened(sessionId);
    this.courier.restore(sessionId, this);
    const link: Link = {epoch, handle: null, historySeen: false, awaitingReplay: false, frames: 0};
    link.handle = this.connector.openSocket(credentialsEpoch, sessionId, this.intake.events.cursor, {
      onOpen: () => this.dispatch({type: 'socket.opened', epoch}),
      onFrame: (data) => this.intake.onFrame(link, data),
      onBinary: () => this.onBadFrame('binary frame', link),
      onClose: (code, reason, wasOpen) => {
        if (this.link === link) this.link = null;
        this.dispatch({type: 'socket.closed', epoch, code, reason, wasOpen});
      },
    });
    if (link.handle === null) {
      this.dispatch({type: 'socket.closed', epoch, code: 1006, reason: '', wasOpen: false});
      return;
    }
    this.link = link;
  }

  private sendOnSocket(event: ClientEvent, epoch?: number): boolean {
    const link = this.link;
    if (!link?.handle || (epoch !== undefined && link.epoch !== epoch)) return false;
    return link.handle.send(encodeClientEvent(event));
  }

  /** The replay is complete: a join lost with the previous socket goes out first, then the messages. */
  private onReplaySettled(link: Link): void {
    this.dispatch({type: 'replay.settled', epoch: link.epoch});
    this.confirmEchoes();
    if (canSend(this.machine) && this.link === link) this.courier.tell({type: 'connected', connection: link.epoch});
    this.publish();
  }

  /** Garbage from the server is reported for diagnostics and otherwise ignored: the chat goes on. */
  private onBadFrame(detail: string, link: Link | null = this.link): void {
    if (this.disposed || this.link !== link) return;
    this.emit('error', {code: 'protocol-error', message: `Ignored a malformed message from the chat service (${detail}).`});
  }

  // ---- transcript ------------------------------------------------------------------------------

  private applyTranscript(action: TranscriptAction): void {
    const before = this.transcript.messages;
    this.transcript = reduceTranscript(this.transcript, action);
    if (action.type !== 'server') this.afterTranscriptChange(before, false);
  }

  /** After messages changed: confirmed echoes, announcements, typing expiry. */
  private afterTranscriptChange(before: readonly PolyChatMessage[], batch: boolean): void {
    if (this.transcript.messages === before) return;
    this.confirmEchoes();
    this.announcer.changed(before, this.transcript.messages, batch);
    const typing = this.transcript.typing;
    if (typing) {
      this.transcriptTimers.start('typing-expiry', Math.max(1, typing.expiresAt - this.env.now()), () => {
        this.applyTranscript({type: 'tick', now: this.env.now()});
        this.publish();
      });
    }
  }

  /** Tells delivery which of its messages the transcript has seen echoed. */
  private confirmEchoes(): void {
    const entries = this.courier.outbox.entries;
    if (entries.length === 0) return;
    const wanted = new Map(entries.map((entry) => [localMessageId(entry.clientEventId), entry.clientEventId]));
    const confirmed: string[] = [];
    // Unconfirmed messages sit at the end; confirmed ones move to their echo's place: walk back.
    const messages = this.transcript.messages;
    for (let i = messages.length - 1; i >= 0 && wanted.size > 0; i--) {
      const message = messages[i] as PolyChatMessage;
      const clientEventId = wanted.get(message.id);
      if (clientEventId === undefined) continue;
      wanted.delete(message.id);
      if (message.delivery === 'sent') confirmed.push(clientEventId);
    }
    if (confirmed.length > 0) this.courier.tell({type: 'confirmed', clientEventIds: confirmed});
  }

  private beginNewConversation(reason: NewSessionReason): void {
    const key = reason === 'restart' ? 'new-conversation' : `new-conversation-${reason}`;
    const text =
      reason === 'restart' ? 'A new conversation started.' : 'The previous conversation could not be continued, so a new one started.';
    this.applyTranscript({type: 'notice', key, text, level: 'info', now: this.env.now()});
    // Unconfirmed messages of the old session belong to the new one now: they go out once it is live.
    this.courier.tell({type: 'disconnected'});
  }

  // ---- lifecycle, snapshot, events -------------------------------------------------------------

  private onLifecycle(signal: LifecycleSignal): void {
    this.dispatch({type: LIFECYCLE_EVENTS[signal]});
  }

  private snapshotNow(): ChatSnapshot {
    return buildSnapshot(this.machine, this.transcript, this.localError, this.intake.replaying, this.env.now());
  }

  /** Replaces the snapshot when anything it shows changed, and tells listeners once. */
  /** `evenWhileHolding`: mid-frame, when what follows (message events) must see the new snapshot. */
  private publish(evenWhileHolding = false): void {
    this.courier.keep(this.transcript.sessionId, this);
    if (this.dispatching || (this.holding > 0 && !evenWhileHolding)) return;
    const next = this.snapshotNow();
    if (snapshotsEqual(this.current, next)) return;
    this.current = next;
    this.dispatchEvent(new Event('change'));
  }

  private emit<K extends keyof RuntimeEventDetails>(type: K, detail: RuntimeEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }

  private resolveRestartWaiters(): void {
    const waiters = this.restartWaiters;
    this.restartWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
