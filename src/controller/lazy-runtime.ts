// The default runtime of <poly-chat> before the session code has arrived: a stand-in with the
// SessionRuntimeApi shape that loads the session chunk (element/session-chunk.ts), then creates the
// real SessionRuntime and forwards to it. Calls made meanwhile (start, send, …) are replayed in
// order; its snapshot says 'connecting' once started, so the UI shows progress from the first frame.
// Started before the chunk is here, it sends the credentials request at once (credentials-prefetch.ts)
// and hands it to the real runtime, so the chunk and the credentials arrive side by side.
import {IDLE_SNAPSHOT} from './idle-snapshot.js';
import type {PrefetchedCredentials} from './credentials-prefetch.js';
import type {SessionRuntimeApi, SessionRuntimeOptions} from '../model/session-api.js';
import type {ChatSnapshot} from '../model/snapshot.js';
import type {CustomMetadata} from '../protocol/wire.js';

type Create = (options: SessionRuntimeOptions, prefetched: PrefetchedCredentials | null) => SessionRuntimeApi;
type Prefetch = (options: SessionRuntimeOptions) => PrefetchedCredentials | null;

const FORWARDED = ['change', 'message', 'error', 'end'] as const;

export class LazyRuntime extends EventTarget implements SessionRuntimeApi {
  #real: SessionRuntimeApi | null = null;
  #waiting: Array<(runtime: SessionRuntimeApi) => void> = [];
  #snapshot: ChatSnapshot = IDLE_SNAPSHOT;
  #disposed = false;
  readonly #options: SessionRuntimeOptions;
  readonly #prefetch: Prefetch | undefined;
  #prefetched: PrefetchedCredentials | null = null;

  constructor(options: SessionRuntimeOptions, load: () => Promise<Create>, prefetch?: Prefetch) {
    super();
    this.#options = options;
    this.#prefetch = prefetch;
    load().then(
      (create) => {
        if (this.#disposed) return;
        const prefetched = this.#prefetched;
        this.#prefetched = null;
        const real = create(options, prefetched);
        this.#real = real;
        for (const type of FORWARDED) {
          real.addEventListener(type, (event) =>
            this.dispatchEvent(event instanceof CustomEvent ? new CustomEvent(type, {detail: event.detail as unknown}) : new Event(type))
          );
        }
        const waiting = this.#waiting;
        this.#waiting = [];
        for (const call of waiting) call(real);
        this.dispatchEvent(new Event('change'));
      },
      (error: unknown) => {
        // No runtime will read the prefetched answer (it may hold a token): let it go.
        this.#prefetched = null;
        if (this.#disposed) return;
        const message = error instanceof Error ? error.message : String(error);
        this.dispatchEvent(
          new CustomEvent('error', {
            detail: {
              code: 'runtime-unavailable',
              message: `The chat could not be loaded (${message}).`,
            },
          })
        );
      }
    );
  }

  get snapshot(): ChatSnapshot {
    return this.#real?.snapshot ?? this.#snapshot;
  }

  #call(run: (runtime: SessionRuntimeApi) => void): void {
    if (this.#disposed) return;
    if (this.#real) run(this.#real);
    else this.#waiting.push(run);
  }

  start(): void {
    this.#call((runtime) => runtime.start());
    if (!this.#real && !this.#disposed && this.#snapshot.status === 'idle') {
      this.#prefetched = this.#prefetch?.(this.#options) ?? null;
      this.#snapshot = {...IDLE_SNAPSHOT, status: 'connecting'};
      this.dispatchEvent(new Event('change'));
    }
  }

  send(text: string, metadata?: CustomMetadata): void {
    this.#call((runtime) => runtime.send(text, metadata));
  }

  retryMessage(clientEventId: string): void {
    this.#call((runtime) => runtime.retryMessage(clientEventId));
  }

  typing(active: boolean): void {
    this.#call((runtime) => runtime.typing(active));
  }

  end(): void {
    this.#call((runtime) => runtime.end());
  }

  restart(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#disposed) resolve();
      else this.#call((runtime) => void runtime.restart().then(resolve, resolve));
    });
  }

  retryNow(): void {
    this.#call((runtime) => runtime.retryNow());
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#waiting = [];
    this.#prefetched = null;
    this.#real?.dispose();
  }
}
