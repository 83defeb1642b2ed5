// No waiting in line: a chat shown at once (inline, or a launcher being opened) needs the session
// chunk and the credentials, and neither needs the other. So while the chunk loads, the stand-in
// runtime (lazy-runtime.ts) sends the credentials POST the real runtime's first attempt would send —
// the same request (protocol/credentials-request.ts) — and hands the pending response to it; the
// credentials client reads and classifies that response exactly as if it had fetched it itself
// (failures included). Only for endpoints the client certainly accepts (same-origin or https, no
// user info); anything else is left to the client, which refuses or sends it as before.
import {credentialsRequestInit} from '../protocol/credentials-request.js';
import type {SessionRuntimeOptions} from '../model/session-api.js';

/** A credentials POST already on its way, for the runtime's first credentials request. */
export interface PrefetchedCredentials {
  /** The absolute URL it went to. */
  readonly url: string;
  /** Its JSON body: the runtime's request must be the same to use it. */
  readonly body: string;
  readonly response: Promise<Response>;
}

export interface PrefetchEnv {
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** The page URL (relative endpoints resolve against it, as the runtime's `baseHref`). */
  readonly baseHref: string;
  /** navigator.onLine: offline, the runtime waits for the network instead of fetching. */
  readonly online: boolean;
}

/** Sends the first attempt's credentials POST now, or returns null when it is not for us to send. */
export function prefetchCredentials(options: SessionRuntimeOptions, env: PrefetchEnv): PrefetchedCredentials | null {
  const endpoint = options.endpoint?.trim();
  if (options.credentials || !endpoint || !env.online) return null;
  let url: URL;
  try {
    url = new URL(endpoint, env.baseHref);
  } catch {
    return null;
  }
  // https, or http to the page's own origin; never user info (the client refuses that).
  const sent = url.protocol === 'https:' || (url.protocol === 'http:' && url.origin === new URL(env.baseHref).origin);
  if (!sent || url.username || url.password) return null;
  // The machine's first attempt: the conversation the endpoint holds (new_session false).
  const init = credentialsRequestInit({newSession: false, streaming: options.streaming});
  let response: Promise<Response>;
  try {
    response = env.fetch(url.href, init);
  } catch (error) {
    // As in the client: a fetch that throws at once reads as a network failure.
    response = Promise.reject(error);
  }
  // Read (and any rejection handled) by the runtime; unused when it is disposed first.
  response.catch(() => undefined);
  return {url: url.href, body: init.body, response};
}
