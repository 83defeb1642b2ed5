// SessionRuntime: the imperative shell around the pure core. It feeds facts (socket frames, fetch
// results, timers, page lifecycle) to the session machine through the effect loop (effect-loop.ts),
// which hands each effect to its executor here, with the parts each doing one job:
//   Connector    credentials, session and socket effects; holds the token (connector.ts)
//   FrameIntake  frames → accepted events, replay slicing, resume point (frame-intake.ts)
//   Courier      delivery of user messages, decided by the pure delivery.ts (courier.ts)
//   Announcer    which messages are news for the reader (announcer.ts)
//   TypingSignal USER_TYPING throttling (typing-signal.ts)
//   TranscriptKeeper  the transcript, kept with the pure reducer (transcript-keeper.ts)
//   TranscriptCacheWriter  the tab's copy of the transcript for the next page (transcript-cache-writer.ts)
// and publishes an immutable snapshot built from the machine and the transcript.
import type {State} from '../machine/state.js';
import {canSend} from '../machine/selectors.js';
import {conversationSource} from './conversation-source.js';
import {createTranscript, restoreTranscript} from '../protocol/transcript.js';
import {encodeClientEvent, endSessionEvent, heartbeatEvent, joinEvent, typingEvent, userMessageEvent} from '../protocol/encode.js';
import type {ClientEvent, CustomMetadata} from '../protocol/wire.js';
import {Announcer} from './announcer.js';
import {Connector} from './connector.js';
import {Courier} from './courier.js';
import {findOutgoing} from './delivery.js';
import {EffectLoop} from './effect-loop.js';
import type {Executors} from './effect-loop.js';
import {FrameIntake} from './frame-intake.js';
import type {Link} from './frame-intake.js';
import {checkMessageSize} from './message-size.js';
import type {LifecycleSignal, RuntimeEnv} from './runtime-env.js';
import {buildSnapshot, snapshotsEqual} from './snapshot-builder.js';
import type {RuntimeEventDetails} from '../model/runtime-events.js';
import type {ChatError, ChatSnapshot} from '../model/snapshot.js';
import type {SessionRuntimeApi, SessionRuntimeOptions} from '../model/session-api.js';
import {TranscriptCacheWriter} from './transcript-cache-writer.js';
import {TranscriptKeeper} from './transcript-keeper.js';
import {TypingSignal} from './typing-signal.js';

export {REPLAY_SETTLE_MS} from './frame-intake.js';

/** How long an ended conversation's socket is still read for events that came after SESSION_END. */
export const DRAIN_AFTER_END_MS = 1_000;

const LIFECYCLE_EVENTS = {offline: 'network.offline', online: 'network.online', hidden: 'page.hidden', shown: 'page.shown'} as const;

export class SessionRuntime extends EventTarget implements SessionRuntimeApi {
  private readonly loop: EffectLoop;
  private link: Link | null = null;
  /** The socket of a conversation that just ended, read for DRAIN_AFTER_END_MS more. */
  private draining: Link | null = null;
  private drainTimer: unknown = null;
  private readonly keeper: TranscriptKeeper;
  private readonly connector: Connector;
  private readonly intake: FrameIntake;
  private readonly courier: Courier;
  private readonly announcer: Announcer;
  private readonly typingSignal: TypingSignal;
  private readonly cacheWriter: TranscriptCacheWriter | null;
  /** The transcript shows the previous page's copy, and no frame of its conversation came yet. */
  private fromCache = false;
  /** The copy is being painted: a history replay of its own, not yet a sign of any connection. */
  private restoring = false;
  /** >0 while a socket frame is processed: its dispatches publish one snapshot at the end. */
  private holding = 0;
  private current: ChatSnapshot;
  private localError: ChatError | null = null;
  private unsubscribeLifecycle: (() => void) | null = null;
  private disposed = false;
  private restartWaiters: Array<() => void> = [];

  constructor(
    private readonly options: SessionRuntimeOptions,
    private readonly env: RuntimeEnv,
  ) {
    super();
    this.loop = new EffectLoop(env, this.executors(), {changed: (previous) => this.onMachineChanged(previous), drained: () => this.publish()});
    this.keeper = new TranscriptKeeper(env, {
      messagesChanged: (before, batch) => {
        this.courier.confirmEchoed(this.keeper.state.messages);
        this.announcer.changed(before, this.keeper.state.messages, batch);
        this.cacheWriter?.changed();
      },
      publish: () => this.publish(),
    });
    this.connector = new Connector(options, env, {
      dispatch: (event) => this.loop.dispatch(event),
      currentEpoch: () => (this.disposed ? null : this.loop.machine.epoch),
      setLocalError: (error) => (this.localError = error),
      emitError: (error) => this.emit('error', error),
    });
    this.intake = new FrameIntake(env, {
      isCurrent: (link) => !this.disposed && (this.link === link || this.draining === link),
      dispatch: (event) => this.loop.dispatch(event),
      keeper: this.keeper,
      hold: () => this.holding++,
      release: () => this.holding--,
      publish: (evenWhileHolding) => this.publish(evenWhileHolding),
      badFrame: (detail) => this.onBadFrame(detail),
      replaySettled: (link) => this.onReplaySettled(link),
    });
    this.courier = new Courier(env, {
      write: (clientEventId, text, metadata) => {
        this.sendOnSocket(userMessageEvent(text, clientEventId, metadata));
        // Delivery counts it as gone out from here (Outgoing.wentOut); the transcript's echo
        // matching reads that fact rather than deciding it again.
        this.keeper.apply({type: 'local-transmitted', clientEventId});
      },
      frames: () => this.link?.frames ?? 0,
      probe: (epoch) => this.loop.dispatch({type: 'socket.suspect', epoch}),
      failed: (clientEventId) => {
        this.keeper.apply({type: 'local-failed', clientEventId});
        this.emit('error', {code: 'send-failed', message: 'A message could not be delivered.'});
      },
      // Only if the earlier page sent it can the replay hold its echo.
      restored: (clientEventId, text, failed, wentOut) => this.showOutgoing(clientEventId, text, failed, wentOut),
      settled: () => this.publish(),
    });
    this.announcer = new Announcer(env, (message) => this.emit('message', {message}));
    this.typingSignal = new TypingSignal(env, (state) => canSend(this.loop.machine) && this.sendOnSocket(typingEvent(state)));
    const source = conversationSource(options, env.baseHref);
    this.cacheWriter =
      env.transcriptCache && source && options.transcriptCache !== false
        ? new TranscriptCacheWriter(env, env.transcriptCache, source, () => ({
            transcript: this.keeper.state,
            ended: this.loop.machine.status === 'ended' && !this.current.reconnectable,
          }))
        : null;
    this.current = this.snapshotNow();
  }

  get snapshot(): ChatSnapshot {
    return this.current;
  }

  // ---- public API ------------------------------------------------------------------------------

  start(): void {
    if (this.disposed || this.loop.machine.status !== 'idle') return;
    if (!this.options.credentials && !this.options.endpoint) return;
    if (this.env.subscribeLifecycle && !this.unsubscribeLifecycle) {
      this.unsubscribeLifecycle = this.env.subscribeLifecycle((signal) => this.onLifecycle(signal));
    }
    if (this.env.isOnline && !this.env.isOnline()) this.loop.dispatch({type: 'network.offline'});
    this.restoreFromCache();
    this.loop.dispatch({type: 'start', streaming: this.options.streaming});
  }

  send(text: string, metadata?: CustomMetadata): void {
    if (this.disposed || this.loop.machine.status === 'ended' || text.trim() === '') return;
    const tooLarge = checkMessageSize(text, this.current.maxMessageSizeBytes, metadata);
    if (tooLarge) {
      this.emit('error', tooLarge);
      return;
    }
    const clientEventId = this.env.randomId();
    this.keeper.apply({type: 'local-send', clientEventId, text, now: this.env.now()});
    this.typingSignal.stopped();
    this.courier.tell({type: 'queued', clientEventId, text, ...(metadata ? {metadata} : {})});
    this.publish();
  }

  retryMessage(clientEventId: string): void {
    if (this.disposed || !findOutgoing(this.courier.outbox, clientEventId)?.failed) return;
    this.keeper.apply({type: 'local-retry', clientEventId});
    this.courier.tell({type: 'retried', clientEventId});
    this.publish();
  }

  typing(active: boolean): void {
    if (this.disposed || !canSend(this.loop.machine)) return;
    if (active) this.typingSignal.typed();
    else this.typingSignal.stopped();
  }

  end(): void {
    this.loop.dispatch({type: 'user.ended'});
  }

  restart(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const settled = new Promise<void>((resolve) => this.restartWaiters.push(resolve));
    if (this.loop.machine.status === 'idle') this.start();
    else this.loop.dispatch({type: 'user.restart'});
    return settled;
  }

  retryNow(): void {
    this.loop.dispatch({type: 'user.retryNow'});
  }

  dispose(): void {
    if (this.disposed) return;
    this.loop.dispatch({type: 'dispose'});
    this.disposed = true;
    this.link?.handle?.close(1000, 'disposed');
    this.link = null;
    this.stopDraining();
    this.loop.stop();
    this.keeper.dispose();
    this.intake.dispose();
    this.courier.dispose();
    this.announcer.dispose();
    this.typingSignal.dispose();
    this.cacheWriter?.dispose();
    this.connector.forget();
    this.unsubscribeLifecycle?.();
    this.unsubscribeLifecycle = null;
    this.resolveRestartWaiters();
    // What was not confirmed stays kept, for the next element of the conversation to send.
    this.courier.keep(this.keeper.state.sessionId, this);
    this.env.unsentStore?.release(this);
  }

  /** Timers still scheduled (machine and every part's): for leak tests. */
  get pendingTimerCount(): number {
    const parts =
      this.intake.pendingTimers + this.courier.pendingTimers + this.announcer.pendingTimers + this.typingSignal.pendingTimers + (this.cacheWriter?.pendingTimers ?? 0);
    return this.loop.pendingTimers + this.keeper.pendingTimers + parts;
  }

  /** A socket is held (open or opening): for leak tests. */
  get hasSocket(): boolean {
    return this.link !== null;
  }

  // ---- effects ---------------------------------------------------------------------------------

  private onMachineChanged(previous: State): void {
    const status = this.loop.machine.status;
    if (status !== previous.status && (status === 'live' || status === 'handoff' || status === 'ended')) this.resolveRestartWaiters();
    if (status === 'live' || status === 'handoff') this.localError = null;
    // Delivery reads the machine: no socket that can take messages, no connection to send on.
    if (!canSend(this.loop.machine) && this.courier.outbox.connection !== null) this.courier.tell({type: 'disconnected'});
  }

  /** One executor per effect type (the loop runs the machine's timers itself). */
  private executors(): Executors {
    return {
      'credentials.fetch': (effect) => void this.connector.fetchCredentials(effect.epoch, effect.newSession, effect.streaming),
      'session.create': (effect) => void this.connector.createSession(effect.epoch, effect.credentialsEpoch, effect.streaming),
      'socket.open': (effect) => this.openSocket(effect.epoch, effect.credentialsEpoch, effect.sessionId),
      'socket.close': (effect) => {
        const link = this.link;
        if (link?.epoch !== effect.epoch) return;
        this.link = null;
        if (effect.reason === 'ended') this.drain(link);
        else link.handle?.close(effect.code, effect.reason);
      },
      'send.join': (effect) => this.sendOnSocket(joinEvent(), effect.epoch),
      'send.heartbeat': (effect) => this.sendOnSocket(heartbeatEvent(), effect.epoch),
      'send.end': (effect) => this.sendOnSocket(endSessionEvent(), effect.epoch),
      'outbox.flush': (effect) => {
        this.courier.tell({type: 'disconnected'});
        if (this.link?.epoch === effect.epoch) this.intake.awaitReplay(this.link);
      },
      'transcript.newSession': (effect) => {
        // The conversation is left: the next page must not show it, and what is shown now stays.
        this.fromCache = false;
        this.cacheWriter?.forget(this.keeper.state.sessionId);
        this.keeper.beginNewConversation(effect.reason);
        // The user starting over leaves what was not delivered with the old conversation (failed,
        // with Retry). A conversation the server lost carries them over: they go out, after the
        // notice, once the new one is live.
        this.courier.tell({type: effect.reason === 'restart' ? 'abandoned' : 'disconnected'});
      },
      'emit.error': (effect) => this.emit('error', {code: effect.code, message: effect.message}),
      'emit.end': (effect) => {
        this.emit('end', {reason: effect.reason});
        this.typingSignal.stopped();
      },
    };
  }

  /**
   * The conversation ended: the socket is read for a moment more before it is closed. Events the
   * server wrote after SESSION_END (or that SESSION_END overtook) are part of the conversation and
   * there is no replay after the end to bring them back. The machine ignores them (ended is final);
   * the transcript takes them. The server usually closes first.
   */
  private drain(link: Link): void {
    this.stopDraining();
    this.draining = link;
    this.drainTimer = this.env.setTimeout(() => this.stopDraining(), DRAIN_AFTER_END_MS);
  }

  private stopDraining(): void {
    if (this.drainTimer !== null) this.env.clearTimeout(this.drainTimer);
    this.drainTimer = null;
    this.draining?.handle?.close(1000, 'ended');
    this.draining = null;
  }

  private openSocket(epoch: number, credentialsEpoch: number, sessionId: string): void {
    // A replaced socket (recycle, liveness) must not report anything once superseded.
    this.link?.handle?.close(4000, 'replaced');
    this.link = null;
    this.stopDraining();
    if (this.fromCache && this.keeper.state.sessionId !== sessionId) {
      // The copy was another conversation's (it ended elsewhere, or the backend forgot it): the
      // server's transcript replaces it.
      this.fromCache = false;
      this.restoring = false;
      this.keeper.replace(createTranscript());
      // What the user sent meanwhile goes to this conversation (the courier sends it here): shown
      // here, to be confirmed by its echo or marked failed with Retry.
      for (const message of this.courier.outbox.entries) this.showOutgoing(message.clientEventId, message.text, message.failed, message.wentOut);
    }
    if (this.keeper.state.sessionId !== sessionId) this.keeper.apply({type: 'new-session', sessionId});
    this.intake.events.socketOpened(sessionId);
    const link: Link = {epoch, handle: null, historySeen: false, awaitingReplay: false, frames: 0};
    link.handle = this.connector.openSocket(credentialsEpoch, sessionId, this.intake.events.cursor, {
      onOpen: () => this.loop.dispatch({type: 'socket.opened', epoch}),
      onFrame: (data) => {
        this.fromCache = false;
        this.intake.onFrame(link, data);
      },
      onBinary: () => this.onBadFrame('binary frame', link),
      onClose: (code, reason, wasOpen) => {
        if (this.link === link) this.link = null;
        if (this.draining === link) {
          this.draining = null;
          this.stopDraining();
        }
        this.loop.dispatch({type: 'socket.closed', epoch, code, reason, wasOpen});
      },
    });
    // Messages kept from an earlier page come back once the socket is on its way (the first read of
    // sessionStorage can take ms); no frame can arrive before this task ends.
    this.courier.restore(sessionId, this);
    if (link.handle === null) {
      this.loop.dispatch({type: 'socket.closed', epoch, code: 1006, reason: '', wasOpen: false});
      return;
    }
    this.link = link;
  }

  /**
   * A message of the courier's outbox, shown as the user's own (sending, or failed with Retry);
   * `transmitted`: it went out, or may have, so an echo without client_event_id may be its own.
   */
  private showOutgoing(clientEventId: string, text: string, failed: boolean, transmitted: boolean): void {
    this.keeper.apply({type: 'local-send', clientEventId, text, now: this.env.now()});
    if (transmitted) this.keeper.apply({type: 'local-transmitted', clientEventId});
    if (failed) this.keeper.apply({type: 'local-failed', clientEventId});
  }

  private sendOnSocket(event: ClientEvent, epoch?: number): boolean {
    const link = this.link;
    if (!link?.handle || (epoch !== undefined && link.epoch !== epoch)) return false;
    return link.handle.send(encodeClientEvent(event));
  }

  /** The replay is complete: a join lost with the previous socket goes out first, then the messages. */
  private onReplaySettled(link: Link): void {
    this.loop.dispatch({type: 'replay.settled', epoch: link.epoch});
    this.courier.confirmEchoed(this.keeper.state.messages);
    if (canSend(this.loop.machine) && this.link === link) this.courier.tell({type: 'connected', connection: link.epoch});
    this.publish();
  }

  /** Garbage from the server is reported for diagnostics and otherwise ignored: the chat goes on. */
  private onBadFrame(detail: string, link: Link | null = this.link): void {
    if (this.disposed || this.link !== link) return;
    this.emit('error', {code: 'protocol-error', message: `Ignored a malformed message from the chat service (${detail}).`});
  }

  // ---- lifecycle, snapshot, events -------------------------------------------------------------

  private onLifecycle(signal: LifecycleSignal): void {
    // The page may be going away (pagehide, tab hidden): what the cache was about to get, it gets now.
    if (signal === 'hidden') this.cacheWriter?.flush();
    this.loop.dispatch({type: LIFECYCLE_EVENTS[signal]});
  }

  /**
   * The previous page's copy of this source's conversation, shown at once; the replay then takes
   * over each message in place (same id), and drops the copy if it was another conversation's. The
   * paint that shows it is a replay's (`replaying`): nothing in it is news for the reader.
   */
  private restoreFromCache(): void {
    const cached = this.cacheWriter?.read();
    if (!cached || this.keeper.state.messages.length > 0) return;
    this.fromCache = true;
    this.restoring = true;
    this.keeper.replace(restoreTranscript(cached));
    (this.env.afterNextPaint ?? ((callback: () => void) => this.env.setTimeout(callback, 0)))(() => {
      if (this.disposed || !this.restoring) return;
      this.restoring = false;
      this.publish();
    });
  }

  private snapshotNow(): ChatSnapshot {
    return buildSnapshot(this.loop.machine, this.keeper.state, this.localError, this.intake.replaying, this.env.now(), this.restoring);
  }

  /** Replaces the snapshot when anything it shows changed, and tells listeners once. */
  /** `evenWhileHolding`: mid-frame, when what follows (message events) must see the new snapshot. */
  private publish(evenWhileHolding = false): void {
    this.courier.keep(this.keeper.state.sessionId, this);
    if (this.loop.dispatching || (this.holding > 0 && !evenWhileHolding)) return;
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
