// Adapter between a lit host and a SessionRuntime, thin like @lit/task: it creates and starts the
// runtime when the host is connected and configured, replaces it when the endpoint changes, disposes
// it when the host is disconnected, requests an update only when the snapshot object changes, and
// re-dispatches the runtime's domain events as the host's typed events.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {PolyChatEndEvent} from '../events/end-event.js';
import {PolyChatErrorEvent} from '../events/error-event.js';
import {PolyChatMessageEvent} from '../events/message-event.js';
import {PolyChatStatusChangeEvent} from '../events/status-change-event.js';
import type {CredentialsProvider, SessionRuntimeApi, SessionRuntimeOptions} from '../model/session-api.js';
import type {RuntimeEventMap} from '../model/runtime-events.js';
import type {ChatSnapshot} from '../model/snapshot.js';
import {IDLE_SNAPSHOT} from './idle-snapshot.js';

/** What the host currently asks for; read on every update. */
export interface SessionConfig {
  readonly endpoint?: string | null;
  readonly credentials?: CredentialsProvider | null;
  readonly streaming: boolean;
  /** false holds the start back (a launcher that was never opened); `ensureStarted()` overrides it. */
  readonly autoStart: boolean;
}

export interface SessionControllerOptions {
  readonly createRuntime: (options: SessionRuntimeOptions) => SessionRuntimeApi;
  readonly config: () => SessionConfig;
}

type Host = ReactiveControllerHost & EventTarget;

/** Identity of a configuration: a change of it means a different conversation source. */
function configKey(config: SessionConfig): string | null {
  if (config.credentials) return 'credentials';
  if (config.endpoint) return `endpoint:${config.endpoint}`;
  return null;
}

export class SessionController implements ReactiveController {
  readonly #host: Host;
  readonly #options: SessionControllerOptions;
  #runtime: SessionRuntimeApi | null = null;
  #runtimeKey: string | null = null;
  #failedKey: string | null = null;
  #snapshot: ChatSnapshot = IDLE_SNAPSHOT;
  #connected = false;
  /** A disconnect waits for the end of the current task: a DOM move reconnects before then. */
  #disposeScheduled = false;
  readonly #onChange = (event: Event): void => {
    if (this.#isCurrent(event) && this.#runtime) this.#adopt(this.#runtime.snapshot);
  };
  readonly #onMessage = (event: RuntimeEventMap['message']): void => {
    if (this.#isCurrent(event)) this.#host.dispatchEvent(new PolyChatMessageEvent(event.detail.message));
  };
  readonly #onError = (event: RuntimeEventMap['error']): void => {
    if (this.#isCurrent(event)) this.#host.dispatchEvent(new PolyChatErrorEvent(event.detail.code, event.detail.message));
  };
  readonly #onEnd = (event: RuntimeEventMap['end']): void => {
    if (this.#isCurrent(event)) this.#host.dispatchEvent(new PolyChatEndEvent(event.detail.reason));
  };

  constructor(host: Host, options: SessionControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The latest snapshot (an idle one while no runtime exists). */
  get snapshot(): ChatSnapshot {
    return this.#snapshot;
  }

  /** The live runtime, if any. */
  get runtime(): SessionRuntimeApi | null {
    return this.#runtime;
  }

  /** True when an endpoint or credentials callback is configured. */
  get configured(): boolean {
    return configKey(this.#options.config()) !== null;
  }

  hostConnected(): void {
    this.#connected = true;
    // Start on the next update rather than right here, so attributes and properties set in the same
    // task (endpoint, then .credentials, then streaming) produce one runtime, not two.
    this.#host.requestUpdate();
  }

  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    // Moving the element (appendChild elsewhere, a framework re-parenting it) disconnects and
    // reconnects it synchronously: keep the runtime, its socket and its queued messages across
    // that. A real removal is still disposed at the end of the current task (a microtask).
    if (this.#disposeScheduled) return;
    this.#disposeScheduled = true;
    queueMicrotask(() => {
      this.#disposeScheduled = false;
      if (this.#connected) return;
      this.#dispose();
      this.#adopt(IDLE_SNAPSHOT);
    });
  }

  /** Brings the runtime in line with the host's configuration. Idempotent. */
  sync(): void {
    if (!this.#connected) return;
    const config = this.#options.config();
    const key = configKey(config);
    if (this.#runtime && this.#runtimeKey !== key) {
      this.#dispose();
      if (key === null) this.#adopt(IDLE_SNAPSHOT);
    }
    if (key !== this.#failedKey) this.#failedKey = null;
    if (!this.#runtime && key !== null && config.autoStart) this.#create(config, key);
  }

  /** Creates and starts the runtime if configured, whatever autoStart says (send/restart before opening). */
  ensureStarted(): SessionRuntimeApi | null {
    if (!this.#connected) return null;
    if (this.#runtime) return this.#runtime;
    const config = this.#options.config();
    const key = configKey(config);
    if (key === null) return null;
    this.#failedKey = null;
    return this.#create(config, key);
  }

  #create(config: SessionConfig, key: string): SessionRuntimeApi | null {
    if (this.#failedKey === key) return null;
    let runtime: SessionRuntimeApi;
    try {
      runtime = this.#options.createRuntime({
        endpoint: config.endpoint ?? undefined,
        // Always ask the host's current callback, so frameworks may pass a new function each render.
        credentials: config.credentials ? (request) => this.#currentCredentials()(request) : undefined,
        streaming: config.streaming,
      });
    } catch (error) {
      this.#failedKey = key;
      const message = error instanceof Error ? error.message : String(error);
      this.#host.dispatchEvent(new PolyChatErrorEvent('runtime-unavailable', message));
      return null;
    }
    this.#runtime = runtime;
    this.#runtimeKey = key;
    this.#listen(runtime, true);
    this.#adopt(runtime.snapshot);
    runtime.start();
    this.#adopt(runtime.snapshot);
    return runtime;
  }

  #currentCredentials(): CredentialsProvider {
    const current = this.#options.config().credentials;
    return current ?? (() => Promise.reject(new Error('poly-chat: the credentials callback was removed')));
  }

  #dispose(): void {
    const runtime = this.#runtime;
    if (!runtime) return;
    this.#runtime = null;
    this.#runtimeKey = null;
    this.#listen(runtime, false);
    runtime.dispose();
  }

  /** The one place the runtime's typed events (RuntimeEventMap) meet EventTarget's untyped listeners. */
  #listen(runtime: SessionRuntimeApi, on: boolean): void {
    const listeners = {change: this.#onChange, message: this.#onMessage, error: this.#onError, end: this.#onEnd};
    for (const [type, listener] of Object.entries(listeners)) {
      if (on) runtime.addEventListener(type, listener as EventListener);
      else runtime.removeEventListener(type, listener as EventListener);
    }
  }

  /** A disposed runtime's late events (its listeners are gone, but be safe) never reach the host. */
  #isCurrent(event: Event): boolean {
    return this.#runtime !== null && event.currentTarget === this.#runtime;
  }

  #adopt(next: ChatSnapshot): void {
    const previous = this.#snapshot;
    if (next === previous) return;
    this.#snapshot = next;
    this.#host.requestUpdate();
    if (next.status !== previous.status) this.#host.dispatchEvent(new PolyChatStatusChangeEvent(next.status, previous.status));
  }
}
