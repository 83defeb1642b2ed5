// Where the element gets its session runtime from: the real SessionRuntime in the browser's
// environment by default; tests register a fake. Importing this file has no side effects (the
// environment is read only when a runtime is created).
import type {SessionRuntimeApi, SessionRuntimeOptions} from '../model/session-api.js';
import {prefetchCredentials} from './credentials-prefetch.js';
import {LazyRuntime} from './lazy-runtime.js';
import {loadSessionChunk} from './session-chunk-loader.js';

/** Creates the session runtime the element drives. */
export type RuntimeFactory = (options: SessionRuntimeOptions) => SessionRuntimeApi;

// The session code is a separate chunk of the standalone bundle (element/session-chunk.ts), loaded
// when the first conversation starts; the credentials request goes out meanwhile.
const browserRuntime: RuntimeFactory = (options) =>
  new LazyRuntime(
    options,
    () => loadSessionChunk().then((chunk) => chunk.createBrowserRuntime),
    (start) =>
      prefetchCredentials(start, {
        fetch: (url, init) => globalThis.fetch(url, init),
        baseHref: location.href,
        online: navigator.onLine !== false,
      }),
  );
let registered: RuntimeFactory = browserRuntime;

/**
 * Replaces the runtime factory every `<poly-chat>` uses (unless a subclass overrides
 * `createRuntime`); `null` restores the built-in browser runtime. Meant for tests and embedders
 * that run the session elsewhere.
 */
export function setDefaultRuntimeFactory(factory: RuntimeFactory | null): void {
  registered = factory ?? browserRuntime;
}

/** A runtime from the registered factory. */
export function createDefaultRuntime(options: SessionRuntimeOptions): SessionRuntimeApi {
  return registered(options);
}
