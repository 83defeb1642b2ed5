// Loads the session chunk (session-chunk.ts: runtime, panel views and their styles) once the host
// wants it, hands it to the host once (`adopt`), and keeps the list of lazy parts the host's
// updateComplete waits for: the chunk, and whatever else the host is loading (a language, the rest
// of a first paint). Each part renders the host again when it arrives.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type * as SessionChunk from './session-chunk.js';

export type SessionChunkModule = typeof SessionChunk;

export interface SessionChunkControllerOptions {
  /** Load the chunk before this update (the panel can be seen: inline at once, a launcher when opened). */
  readonly wanted: () => boolean;
  /** Called once per host, in the first update that has the chunk. */
  readonly adopt: (chunk: SessionChunkModule) => void;
}

/** The chunk, once loaded; shared by all instances. */
let loaded: SessionChunkModule | null = null;
let loading: Promise<SessionChunkModule | null> | null = null;

function loadChunk(): Promise<SessionChunkModule | null> {
  loading ??= import('./session-chunk.js').then(
    (chunk) => (loaded = chunk),
    () => {
      // Offline or blocked: the runtime reports it (LazyRuntime); a later attempt may succeed.
      loading = null;
      return null;
    },
  );
  return loading;
}

export class SessionChunkController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: SessionChunkControllerOptions;
  readonly #waiting = new Set<Promise<unknown>>();
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
