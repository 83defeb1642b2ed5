// The credentials POST of contract §4, in one place: the credentials client (transport/) sends it,
// and the element's stand-in runtime sends the very same request early, while the session chunk is
// still loading (controller/credentials-prefetch.ts). Pure and free of imports: it lives in the bundle.

/** The request's settings; a RequestInit for fetch. */
export interface CredentialsRequestInit {
  readonly method: 'POST';
  readonly credentials: 'same-origin';
  readonly cache: 'no-store';
  readonly headers: {readonly 'Content-Type': 'application/json'; readonly Accept: 'application/json'};
  readonly body: string;
}

/** `{"new_session", "streaming"}` as JSON, cookies same-origin only, never cached. */
export function credentialsRequestInit(req: {readonly newSession: boolean; readonly streaming: boolean}): CredentialsRequestInit {
  return {
    method: 'POST',
    credentials: 'same-origin',
    cache: 'no-store',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify({new_session: req.newSession, streaming: req.streaming}),
  };
}
