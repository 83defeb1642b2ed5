// A stand-in for SessionRuntime in element tests: an EventTarget implementing SessionRuntimeApi
// whose snapshot the test sets, recording every call the element makes.
import type {RuntimeEventDetails} from '../../../src/model/runtime-events.js';
import {setDefaultRuntimeFactory} from '../../../src/controller/runtime-factory.js';
import {IDLE_SNAPSHOT} from '../../../src/controller/idle-snapshot.js';
import type {SessionRuntimeApi, SessionRuntimeOptions} from '../../../src/model/session-api.js';
import type {ChatSnapshot} from '../../../src/model/snapshot.js';

export type RuntimeMethod = 'start' | 'send' | 'retryMessage' | 'typing' | 'end' | 'restart' | 'retryNow' | 'dispose';

export interface RuntimeCall {
  readonly method: RuntimeMethod;
  readonly args: readonly unknown[];
}

export class FakeRuntime extends EventTarget implements SessionRuntimeApi {
  snapshot: ChatSnapshot;
  readonly options: SessionRuntimeOptions;
  readonly calls: RuntimeCall[] = [];
  disposed = false;
  /** What restart() resolves with; replace to hold a restart open. */
  restartResult: Promise<void> = Promise.resolve();

  constructor(options: SessionRuntimeOptions, initial: Partial<ChatSnapshot> = {}) {
    super();
    this.options = options;
    this.snapshot = {...IDLE_SNAPSHOT, status: 'connecting', ...initial};
  }

  start(): void {
    this.calls.push({method: 'start', args: []});
  }
  send(text: string, metadata?: Readonly<Record<string, string>>): void {
    this.calls.push({method: 'send', args: metadata ? [text, metadata] : [text]});
  }
  retryMessage(clientEventId: string): void {
    this.calls.push({method: 'retryMessage', args: [clientEventId]});
  }
  typing(active: boolean): void {
    this.calls.push({method: 'typing', args: [active]});
  }
  end(): void {
    this.calls.push({method: 'end', args: []});
  }
  restart(): Promise<void> {
    this.calls.push({method: 'restart', args: []});
    return this.restartResult;
  }
  retryNow(): void {
    this.calls.push({method: 'retryNow', args: []});
  }
  dispose(): void {
    this.calls.push({method: 'dispose', args: []});
    this.disposed = true;
  }

  /** Arguments of every call of `method`, in order. */
  callsOf(method: RuntimeMethod): (readonly unknown[])[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args);
  }

  /** Replaces the snapshot (never mutates it, like the runtime) and dispatches 'change'. */
  update(patch: Partial<ChatSnapshot>): ChatSnapshot {
    this.snapshot = {...this.snapshot, ...patch};
    this.dispatchEvent(new Event('change'));
    return this.snapshot;
  }

  /** Dispatches a domain event the way the runtime does (CustomEvent with a detail). */
  emit<K extends keyof RuntimeEventDetails>(type: K, detail: RuntimeEventDetails[K]): void {
    this.dispatchEvent(new CustomEvent(type, {detail}));
  }
}

export interface FakeRuntimeRegistry {
  /** Every runtime the element created, oldest first. */
  readonly created: FakeRuntime[];
  /** The newest runtime; throws when none was created. */
  readonly last: FakeRuntime;
  uninstall(): void;
}

/** Registers a factory that builds FakeRuntimes (with `initial` snapshot fields) for every element. */
export function installFakeRuntime(initial: Partial<ChatSnapshot> = {}): FakeRuntimeRegistry {
  const created: FakeRuntime[] = [];
  setDefaultRuntimeFactory((options) => {
    const runtime = new FakeRuntime(options, initial);
    created.push(runtime);
    return runtime;
  });
  return {
    created,
    get last(): FakeRuntime {
      const runtime = created[created.length - 1];
      if (!runtime) throw new Error('no runtime was created');
      return runtime;
    },
    uninstall: () => setDefaultRuntimeFactory(null),
  };
}
