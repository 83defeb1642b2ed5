// Loads the session chunk (session-chunk.ts: runtime, panel views and their styles) once the host
// wants it, hands it to the host once (`adopt`), and keeps the list of lazy parts the host's
// updateComplete waits for: the chunk, and whatever else the host is loading (a language, the rest
// of a first paint). Each part renders the host again when it arrives.
//
// The chunk is handed to the view in a task after the next frame's paint, not in the task that
// evaluated it: the runtime starts connecting in that task (controller/session-chunk-loader.ts),
// and its credentials answer and socket come in the tasks right after. The panel's first render
// (its styles, the clocks' Intl start-up: tens of ms on a cold page) would hold them up, in the
// same task or in the frame's animation callbacks, which Chromium runs first when a frame is due.
// Rendered once the socket is on its way, it overlaps the socket's opening instead; the panel
// shows its content a frame later.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {loadSessionChunk} from '../controller/session-chunk-loader.js';
import type {SessionChunkModule} from '../controller/session-chunk-loader.js';
import {afterNextPaint} from '../runtime/after-paint.js';
import type {LazyPart} from './lazy-part.js';

export type {SessionChunkModule};

export interface SessionChunkControllerOptions {
  /** Load the chunk before this update (the panel can be seen: inline at once, a launcher when opened). */
  readonly wanted: () => boolean;
  /** Called once per host, in the first update that has the chunk. */
  readonly adopt: (chunk: SessionChunkModule) => void;
}

/** The chunk, once handed to the view; shared by all instances. */
let loaded: SessionChunkModule | null = null;

/** The load under way: every caller (and every update meanwhile) waits for this one promise. */
let loading: Promise<SessionChunkModule | null> | null = null;

/** Offline or blocked: null (the runtime reports it: LazyRuntime); a later call tries again. */
function loadChunk(): Promise<SessionChunkModule | null> {
  return (loading ??= loadSessionChunk().then(
    (chunk) => new Promise<void>((resolve) => afterNextPaint(resolve)).then(() => (loaded = chunk)),
    () => {
      loading = null;
      return null;
    },
  ));
}

export class SessionChunkController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: SessionChunkControllerOptions;
  readonly #waiting = new Set<Promise<unknown>>();
  /** Lazy parts whose load failed, waiting for the browser to be back online. */
  readonly #offline = new Set<LazyPart<unknown>>();
  #adopted = false;

  constructor(host: ReactiveControllerHost, options: SessionChunkControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The chunk if it has arrived (never starts loading it). */
  get chunk(): SessionChunkModule | null {
    return loaded;
  }

  /** Whether a lazy part is still on its way (updateComplete should wait for `settled()`). */
  get pending(): boolean {
    return this.#waiting.size > 0;
  }

  /** Resolves when every lazy part known now has arrived (or failed). */
  settled(): Promise<unknown> {
    return Promise.all([...this.#waiting]);
  }

  /** The chunk, loading it if need be (null when it cannot be loaded). */
  ensureLoaded(): Promise<SessionChunkModule | null> {
    return loaded === null ? loadChunk() : Promise.resolve(loaded);
  }

  /** Starts loading the chunk (a no-op once it is here). */
  load(): void {
    if (loaded === null) this.waitFor(loadChunk());
  }

  /** Waits for a lazy part: updateComplete waits for it, and the host renders again when it arrives. */
  waitFor(promise: Promise<unknown>): void {
    if (this.#waiting.has(promise)) return;
    this.#waiting.add(promise);
    void promise.then(() => {
      this.#waiting.delete(promise);
      this.#host.requestUpdate();
    });
  }

  /**
   * Loads a lazy part the render asked for: waits for it (see waitFor). After a failed load there
   * is nothing to wait for: the host renders again once the browser is back online.
   */
  need(part: LazyPart<unknown>): void {
    const loading = part.load();
    if (loading) this.waitFor(loading);
    else if (!this.#offline.has(part)) {
      this.#offline.add(part);
      void part.online().then(() => {
        this.#offline.delete(part);
        this.#host.requestUpdate();
      });
    }
  }

  hostUpdate(): void {
    if (!this.#options.wanted()) return;
    const chunk = loaded;
    if (chunk === null) this.waitFor(loadChunk());
    else if (!this.#adopted) {
      this.#adopted = true;
      this.#options.adopt(chunk);
    }
  }
}
