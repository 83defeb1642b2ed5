// One client socket and its outgoing pipeline. Every frame passes here, so the fault settings
// (delay, duplicate, reorder, split/interleaved replay, drop after n frames) act on real traffic
// while the session's stored history stays the truth.
import {WebSocket} from 'ws';
import type {GarbageFrame} from './garbage.js';
import {perturb, splitBatches} from './replay.js';
import type {FaultSettings, VariantSettings, WireEvent} from './types.js';
import {renderEvent} from './wire-variants.js';

interface Frame {
  readonly data: string | Buffer;
  readonly binary: boolean;
}

export interface ConnectionEnv {
  faults(): FaultSettings;
  variants(): VariantSettings;
  /** Uniform [0, 1) from the fault PRNG. */
  draw(): number;
  newId(): string;
  timestamp(): string;
}

/** interleaveLive: how long the later batches wait, so live events sent meanwhile go first. */
const INTERLEAVE_DELAY_MS = 100;

export class Connection {
  private held: Frame[] | null = null;
  private dropAfter: number | null = null;
  private dropping = false;
  /** `silence`: a black hole that still looks open (nothing sent, nothing received). */
  private silenced = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Frames written with the delay fault, not yet on the wire, in write order. */
  private readonly delayed = new Map<NodeJS.Timeout, Frame>();

  constructor(
    readonly ws: WebSocket,
    private readonly env: ConnectionEnv,
  ) {}

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN && !this.dropping;
  }

  get silent(): boolean {
    return this.silenced;
  }

  /** Frames not yet on the wire: delayed writes and a frame held for reordering. */
  get backlog(): number {
    return this.timers.size + this.delayed.size + (this.held?.length ?? 0);
  }

  /** From now on nothing is sent on this socket (it stays open; the session ignores what it receives). */
  silence(): void {
    this.sendPending();
    this.silenced = true;
  }

  /** History replay (§3.4): batches of the given events, after split / duplicate / reorder faults. */
  sendReplay(events: readonly WireEvent[]): void {
    const faults = this.env.faults();
    const variants = this.env.variants();
    // noEmptyBatch (Q5): a cursor that is already current gets no batch at all.
    if (events.length === 0 && variants.noEmptyBatch) return;
    const frames = splitBatches(events, faults.splitBatches).map((batch): Frame => {
      const nested = perturb(batch, faults.duplicateRate ?? 0, faults.reorderRate ?? 0, this.env.draw).map((event) =>
        renderEvent(event, variants, true, this.env.draw),
      );
      const envelope = {
        id: this.env.newId(),
        sequence: null,
        timestamp: this.env.timestamp(),
        type: 'EVENT_TYPE_EVENT_BATCH',
        payload: {events: nested},
      };
      return {data: JSON.stringify(envelope), binary: false};
    });
    const [first, ...rest] = frames;
    if (first) this.write(first);
    const sendRest = (): void => rest.forEach((frame) => this.write(frame));
    if (faults.interleaveLive && rest.length > 0) this.later(INTERLEAVE_DELAY_MS, sendRest);
    else sendRest();
  }

  /** A live event: duplicate / reorder decisions here; delay and drop in write(). */
  sendLive(event: WireEvent): void {
    const faults = this.env.faults();
    const frame: Frame = {data: JSON.stringify(renderEvent(event, this.env.variants(), false, this.env.draw)), binary: false};
    const copies = faults.duplicateRate && this.env.draw() < faults.duplicateRate ? [frame, frame] : [frame];
    if (this.held) {
      // Overtaken by this frame. It stays held while this one is written, so a drop this write
      // triggers still sends it (terminateAfter takes it), after this one: reordered, never lost.
      copies.forEach((copy) => this.write(copy));
      this.flushHeld();
    } else if (faults.reorderRate && this.env.draw() < faults.reorderRate) {
      this.held = copies;
    } else {
      copies.forEach((copy) => this.write(copy));
    }
  }

  /** End of a burst: a frame held for reordering goes out now. */
  flushHeld(): void {
    const held = this.held;
    this.held = null;
    held?.forEach((copy) => this.write(copy));
  }

  /** Garbage and raw frames: written as they are (faults still delay or drop them). */
  sendGarbage(frames: readonly GarbageFrame[]): void {
    frames.forEach((frame) => this.write(frame));
  }

  /** Abort the TCP connection now (client sees 1006), or after `afterFrames` more frames. */
  drop(afterFrames = 0): void {
    if (afterFrames <= 0) {
      this.dropping = true;
      this.terminateAfter(this.takeHeld());
      return;
    }
    this.dropAfter = afterFrames;
  }

  /**
   * Frames held back for reordering or delayed were written by the server before the connection
   * broke: they arrive late, never not at all. (One socket delivers in order what was written.
   * Reordering stays, loss of a written frame does not; a socket the client closes loses what was
   * held, and the client's cursor must not have passed it.)
   */
  private takeHeld(): Frame[] {
    const delayed = [...this.delayed.values()];
    for (const timer of this.delayed.keys()) clearTimeout(timer);
    this.delayed.clear();
    const held = this.held ?? [];
    this.held = null;
    return [...delayed, ...held];
  }

  /** What was written but is not on the wire yet (delayed, held back) goes out now, in order. */
  private sendPending(): void {
    const pending = this.takeHeld();
    if (this.ws.readyState !== WebSocket.OPEN || this.dropping || this.silenced) return;
    pending.forEach((frame) => this.ws.send(frame.data, {binary: frame.binary}));
  }

  /** Sends `frames` (if any), then aborts the connection (the client sees 1006). */
  private terminateAfter(frames: readonly Frame[]): void {
    const last = frames.length - 1;
    if (last < 0) {
      this.ws.terminate();
      return;
    }
    frames.forEach((frame, i) => this.ws.send(frame.data, {binary: frame.binary}, i === last ? () => this.ws.terminate() : undefined));
  }

  /** `reset`: a drop armed with afterFrames will not happen. */
  cancelDrop(): void {
    this.dropAfter = null;
  }

  close(code: number, reason = ''): void {
    this.sendPending();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code, reason);
  }

  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
    this.delayed.forEach((_frame, timer) => clearTimeout(timer));
    this.delayed.clear();
    this.held = null;
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private write(frame: Frame): void {
    const delay = this.env.faults().delayMs ?? 0;
    if (delay <= 0) {
      this.writeNow(frame);
      return;
    }
    const timer = setTimeout(() => {
      this.delayed.delete(timer);
      this.writeNow(frame);
    }, delay);
    this.delayed.set(timer, frame);
  }

  private writeNow(frame: Frame): void {
    if (!this.open || this.silenced) return;
    if (this.dropAfter === null) {
      this.ws.send(frame.data, {binary: frame.binary});
      return;
    }
    this.dropAfter -= 1;
    if (this.dropAfter > 0) {
      this.ws.send(frame.data, {binary: frame.binary});
      return;
    }
    // Last frame before the drop: abort once it has been handed to the kernel, and send nothing more.
    this.dropAfter = null;
    this.dropping = true;
    this.terminateAfter([frame, ...this.takeHeld()]);
  }
}
