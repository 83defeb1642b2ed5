// One PolyAI session: the stored history (the truth), its sockets, the idle timer and the paced
// output queue of the scripted agents.
import type {WebSocket} from 'ws';
import {planJoin, planSay, planServerEnd, planUserMessage, systemError} from './agent-script.js';
import type {AgentOutput, AgentPhase, ScriptContext} from './agent-script.js';
import {classifyClientFrame} from './client-frame.js';
import type {ClientEvent} from './client-frame.js';
import {Connection} from './connection.js';
import type {ConnectionEnv} from './connection.js';
import {SESSION_END_REASONS, TRANSIENT_EVENT_TYPES, styleEndReason} from './event-types.js';
import type {EndedBy} from './event-types.js';
import {garbageFrames} from './garbage.js';
import type {GarbageKind, FaultSettings, ResolvedOptions, VariantSettings, WireEvent} from './types.js';
import {selectReplay} from './replay.js';
import type {Prng} from './prng.js';

/** What a session needs from the simulator: options, clock, ids and the effective fault settings. */
export interface SessionHost {
  readonly options: ResolvedOptions;
  now(): number;
  newId(): string;
  /** The session's own fault PRNG if it was seeded apart (`seed` with a sessionId), else the shared one. */
  drawFault(session: Session): number;
  faultsFor(session: Session): FaultSettings;
  variantsFor(session: Session): VariantSettings;
  /** One-shot overlapReplay for a connect with cursor > 0 (session setting first, then global). */
  takeOverlap(session: Session): number;
  /** A drop armed by `drop` while no socket was open. */
  takePendingDrop(session: Session): number | null;
}

export interface SessionInit {
  id: string;
  identity: string;
  streaming: boolean;
  platform: string;
}

const IDLE_CLOSE_CODE = 1001;

export class Session {
  readonly id: string;
  readonly identity: string;
  readonly streaming: boolean;
  readonly platform: string;
  readonly history: WireEvent[] = [];
  readonly received: object[] = [];
  readonly connections = new Set<Connection>();
  faults: FaultSettings = {};
  variants: VariantSettings = {};
  pendingDrop: number | null = null;
  /** `agentDelay` for this session; null = the simulator's default. */
  agentDelayMs: number | null = null;
  /** Set by `seed` with this session's id: fault decisions independent of other sessions. */
  faultPrng: Prng | null = null;
  phase: AgentPhase = 'awaiting-join';
  ended = false;
  expired = false;

  private nextSequence = 1;
  private queue: AgentOutput[] = [];
  private queueTimer: NodeJS.Timeout | null = null;
  private idleTimer: unknown = null;
  private readonly closeTimers = new Set<NodeJS.Timeout>();
  private readonly connectionEnv: ConnectionEnv;

  constructor(
    init: SessionInit,
    private readonly host: SessionHost,
  ) {
    this.id = init.id;
    this.identity = init.identity;
    this.streaming = init.streaming;
    this.platform = init.platform;
    this.connectionEnv = {
      faults: () => host.faultsFor(this),
      variants: () => host.variantsFor(this),
      draw: () => host.drawFault(this),
      newId: () => host.newId(),
      timestamp: () => this.timestamp(),
    };
    const {options} = host;
    // SESSION_START is stored at creation, so it is always sequence 1 (§3.4, §3.5).
    this.emit({
      type: 'EVENT_TYPE_SESSION_START',
      payload: {
        capabilities: {
          streaming: this.streaming,
          max_message_size_bytes: options.maxMessageSizeBytes,
          max_reconnect_attempts: options.maxReconnectAttempts,
          heartbeat_interval_seconds: options.heartbeatIntervalSeconds,
        },
      },
    });
    this.resetIdle();
  }

  /** A socket passed the handshake: replay history after `cursor`, then stream live events. */
  attach(ws: WebSocket, cursor: number): void {
    const connection = new Connection(ws, this.connectionEnv);
    this.connections.add(connection);
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) =>
      this.receive(connection, toBuffer(data), isBinary),
    );
    ws.on('ping', () => this.resetIdle());
    ws.on('error', () => undefined);
    ws.on('close', () => {
      this.connections.delete(connection);
      connection.dispose();
    });
    const pendingDrop = this.pendingDrop ?? this.host.takePendingDrop(this);
    this.pendingDrop = null;
    if (pendingDrop !== null) connection.drop(pendingDrop);
    const overlap = cursor > 0 ? this.host.takeOverlap(this) : 0;
    const startOnResume = this.host.variantsFor(this).sessionStartOnResume === true;
    connection.sendReplay(selectReplay(this.history, cursor, overlap, startOnResume));
    this.resetIdle();
    // An ended session still replays (a reloaded page sees the end), then the server closes.
    if (this.ended) this.closeAfterGrace([connection]);
  }

  receive(connection: Connection, data: Buffer, isBinary: boolean): void {
    // A silenced socket is a black hole both ways: what the client sends never arrives.
    if (this.expired || connection.silent) return;
    this.resetIdle();
    const frame = classifyClientFrame(data, isBinary, this.host.options.maxMessageSizeBytes);
    this.received.push(frame.record);
    if (frame.kind === 'event' && frame.event.type === 'EVENT_TYPE_HEARTBEAT') {
      // Transient and answered to the sender only; still answered after SESSION_END while the socket lives.
      // heartbeatEcho 'none' (§5.5 variant): never answered.
      if (this.host.variantsFor(this).heartbeatEcho !== 'none') this.emit(echo(frame.event), {only: connection});
      this.flushIfIdle();
      return;
    }
    // Nothing follows SESSION_END (§6.4): later client events are recorded, not answered.
    if (this.ended || this.phase === 'ended') return;
    if (frame.kind === 'error') {
      this.emit(systemError(frame.message, frame.metadata));
    } else {
      this.handleClientEvent(frame.event);
    }
    this.flushIfIdle();
  }

  private handleClientEvent(event: ClientEvent): void {
    switch (event.type) {
      case 'EVENT_TYPE_USER_TYPING':
        return; // Not echoed (§5.3); only a live agent would care.
      case 'EVENT_TYPE_REQUEST_POLY_AGENT_JOIN': {
        this.emit(echo(event));
        this.follow(planJoin(this.phase, this.context()));
        return;
      }
      case 'EVENT_TYPE_USER_MESSAGE': {
        const text = String(event.payload.text);
        this.emit({...echo(event), payload: {...event.payload, message_id: this.host.newId()}});
        this.follow(planUserMessage(this.phase, text, event.metadata, this.context()));
        return;
      }
      case 'EVENT_TYPE_USER_END_SESSION': {
        this.emit(echo(event));
        this.endNow(SESSION_END_REASONS.userEnd, 'server');
        return;
      }
      case 'EVENT_TYPE_HEARTBEAT':
        return;
    }
  }

  private follow(plan: {phase: AgentPhase; outputs: AgentOutput[]}): void {
    this.phase = plan.phase;
    this.enqueue(plan.outputs);
  }

  /** `say` control command. */
  say(role: 'agent' | 'live-agent', text: string, streaming?: boolean): void {
    if (this.ended) return;
    this.enqueue(planSay(role, text, this.context(streaming ?? this.streaming)));
  }

  /**
   * The server ends the session now (pending agent output is dropped). `endedBy` 'explicit' (a
   * reason given to endSession) keeps the reason as it is under every endReasonStyle.
   */
  endNow(reason: string, endedBy: EndedBy): void {
    if (this.ended) return;
    this.clearQueue();
    this.phase = 'ended';
    planServerEnd(reason).forEach((output) => this.emit(output, {endedBy}));
    this.flushIfIdle();
  }

  /** `raw` control command: one server event with any type and payload, stored unless transient. */
  sendRaw(type: string, payload: Record<string, unknown>): void {
    this.emit({type, payload}, {verbatim: true});
    this.flushIfIdle();
  }

  /** `frames` control command: text frames as they are, never stored. */
  sendFrames(frames: readonly string[]): void {
    const garbage = frames.map((data) => ({binary: false as const, data}));
    this.connections.forEach((connection) => connection.sendGarbage(garbage));
  }

  /** `silence` control command: the sockets open now stop carrying anything, without closing. */
  silence(): void {
    this.connections.forEach((connection) => connection.silence());
  }

  /** Agent output still to come plus frames held back by faults. */
  get pending(): number {
    let frames = 0;
    this.connections.forEach((connection) => {
      frames += connection.backlog;
    });
    return this.queue.length + frames;
  }

  sendGarbage(kinds: readonly GarbageKind[], count: number): void {
    const frames = garbageFrames(kinds, count, {
      newId: () => this.host.newId(),
      timestamp: this.timestamp(),
      maxMessageSizeBytes: this.host.options.maxMessageSizeBytes,
    });
    this.connections.forEach((connection) => connection.sendGarbage(frames));
  }

  /** `reset`: forget armed drops, on this session's next socket and on its open ones. */
  cancelDrops(): void {
    this.pendingDrop = null;
    this.connections.forEach((connection) => connection.cancelDrop());
  }

  drop(afterEvents: number): void {
    this.connections.forEach((connection) => connection.drop(afterEvents));
  }

  close(code: number, reason?: string): void {
    this.connections.forEach((connection) => connection.close(code, reason));
  }

  /** Unknown from now on: handshakes answer 404 and the sockets close. */
  expire(code: number): void {
    this.expired = true;
    this.clearQueue();
    this.clearIdle();
    this.close(code, 'session expired');
  }

  resetIdle(): void {
    if (this.expired) return;
    this.clearIdle();
    const timer = this.host.options.timers.setTimeout(() => this.onIdle(), this.host.options.idleTimeoutMs);
    // A forgotten simulator must not keep a test process alive for ten minutes.
    (timer as {unref?: () => void}).unref?.();
    this.idleTimer = timer;
  }

  dispose(): void {
    this.clearQueue();
    this.clearIdle();
    this.closeTimers.forEach((timer) => clearTimeout(timer));
    this.closeTimers.clear();
    this.connections.forEach((connection) => {
      connection.dispose();
      connection.ws.terminate();
    });
    this.connections.clear();
  }

  private onIdle(): void {
    this.idleTimer = null;
    // Tell whoever is still connected, then close with 1001 (§8.4 [I]) and forget the session.
    if (!this.ended) {
      this.clearQueue();
      this.phase = 'ended';
      this.emit({type: 'EVENT_TYPE_SESSION_END', payload: {reason: SESSION_END_REASONS.abandoned}}, {closeOnEnd: false, endedBy: 'server'});
      this.connections.forEach((connection) => connection.flushHeld());
    }
    this.expire(IDLE_CLOSE_CODE);
  }

  private clearIdle(): void {
    if (this.idleTimer !== null) this.host.options.timers.clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private enqueue(outputs: readonly AgentOutput[]): void {
    if (outputs.length === 0) return;
    this.queue.push(...outputs);
    this.scheduleQueue();
  }

  private scheduleQueue(): void {
    if (this.queueTimer || this.queue.length === 0) return;
    this.queueTimer = setTimeout(() => {
      this.queueTimer = null;
      const next = this.queue.shift();
      if (next) this.emit(next);
      this.scheduleQueue();
      this.flushIfIdle();
    }, this.agentDelayMs ?? this.host.options.agentDelayMs);
  }

  private clearQueue(): void {
    if (this.queueTimer) clearTimeout(this.queueTimer);
    this.queueTimer = null;
    this.queue = [];
  }

  /** A burst is over when nothing is queued: frames held by the reorder fault go out. */
  private flushIfIdle(): void {
    if (this.queueTimer) return;
    this.connections.forEach((connection) => connection.flushHeld());
  }

  /** The script's view of the session: streaming and the chunk variants in force now. */
  private context(streaming = this.streaming): ScriptContext {
    const variants = this.host.variantsFor(this);
    return {
      streaming,
      newId: () => this.host.newId(),
      chunkIndexBase: variants.chunkIndexBase,
      chunkIndexGap: variants.chunkIndexGap,
      repeatChunkNewId: variants.repeatChunkNewId,
    };
  }

  /** The next stored sequence; sequenceGaps (Q10) makes the step after it 1–3 instead of 1. */
  private allocateSequence(): number {
    const sequence = this.nextSequence;
    const gap = this.host.variantsFor(this).sequenceGaps ? Math.floor(this.host.drawFault(this) * 3) : 0;
    this.nextSequence += 1 + gap;
    return sequence;
  }

  /**
   * Stores (unless transient) and sends one event. `only` limits it to one socket; `closeOnEnd`
   * false (idle expiry) leaves closing to the caller; `endedBy` says who chose a SESSION_END reason
   * (agent script by default), for endReasonStyle; `verbatim` (the raw command) is exempt from
   * closeWithoutEnd and endReasonStyle.
   */
  private emit(output: AgentOutput, {only, closeOnEnd = true, endedBy = 'agent', verbatim = false}: EmitOptions = {}): void {
    const variants = this.host.variantsFor(this);
    const isEnd = output.type === 'EVENT_TYPE_SESSION_END';
    if (isEnd && closeOnEnd && !verbatim && variants.closeWithoutEnd) {
      // closeWithoutEnd (Q2/Q16/Q20): the session ends, but nothing is sent or stored; 1000 tells it.
      this.ended = true;
      this.phase = 'ended';
      this.clearQueue();
      this.closeAfterGrace([...this.connections]);
      return;
    }
    const style = verbatim ? 'enum' : (variants.endReasonStyle ?? 'enum');
    const payload = isEnd ? styleEndReason(output.payload, style, endedBy) : output.payload;
    const transient = TRANSIENT_EVENT_TYPES.has(output.type);
    const event: WireEvent = {
      id: this.host.newId(),
      sequence: transient ? null : this.allocateSequence(),
      timestamp: this.timestamp(),
      type: output.type,
      payload,
      ...(output.metadata ? {metadata: output.metadata} : {}),
    };
    if (!transient) this.history.push(event);
    const targets = only ? [only] : [...this.connections];
    targets.forEach((connection) => connection.sendLive(event));
    if (isEnd) {
      this.ended = true;
      this.phase = 'ended';
      this.clearQueue();
      if (closeOnEnd) this.closeAfterGrace([...this.connections]);
    }
  }

  /** After SESSION_END the server closes normally (1000) after a short grace (Q2, our choice). */
  private closeAfterGrace(connections: readonly Connection[]): void {
    const timer = setTimeout(() => {
      this.closeTimers.delete(timer);
      connections.forEach((connection) => connection.close(1000, 'session ended'));
    }, this.host.options.closeGraceMs);
    this.closeTimers.add(timer);
  }

  private timestamp(): string {
    return new Date(this.host.now()).toISOString();
  }
}

interface EmitOptions {
  only?: Connection;
  closeOnEnd?: boolean;
  endedBy?: EndedBy;
  verbatim?: boolean;
}

function echo(event: ClientEvent): AgentOutput {
  return event.metadata ? {type: event.type, payload: event.payload, metadata: event.metadata} : {type: event.type, payload: event.payload};
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}
