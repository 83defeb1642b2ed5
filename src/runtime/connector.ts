// The executors of the machine's connection effects: credentials.fetch, session.create and
// socket.open. They hold the access token (per credentials epoch, only the newest kept) and never
// hand it out: it goes into the session request and the socket URL, nowhere else. Results go back
// to the machine as events; the machine decides what they mean.
import type {MachineEvent} from '../machine/event.js';
import {callCredentialsProvider, fetchCredentials} from '../transport/credentials-client.js';
import {createSession} from '../transport/session-client.js';
import {openSocket} from '../transport/socket.js';
import type {SocketHandle, SocketHandlers} from '../transport/socket.js';
import {buildSocketUrl, resolveBaseUrl} from '../transport/url-policy.js';
import type {ChatError} from '../model/snapshot.js';
import type {RuntimeEnv} from './runtime-env.js';
import type {SessionRuntimeOptions} from '../model/session-api.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type FactInput = DistributiveOmit<MachineEvent, 'at' | 'jitter'>;

/** What the connector needs from the runtime around it. */
export interface ConnectorHost {
  /** Feeds a fact to the machine. */
  dispatch(event: FactInput): void;
  /** The epoch a result must still belong to (anything else is stale); null once disposed. */
  currentEpoch(): number | null;
  /** A problem found before any connection, shown until the chat is ready. */
  setLocalError(error: ChatError): void;
  emitError(error: ChatError): void;
}

interface HeldCredentials {
  readonly accessToken: string;
  readonly httpBase: string;
  readonly wsUrl: string;
}

export class Connector {
  readonly #credentials = new Map<number, HeldCredentials>();

  constructor(
    private readonly options: SessionRuntimeOptions,
    private readonly env: RuntimeEnv,
    private readonly host: ConnectorHost,
  ) {}

  async fetchCredentials(epoch: number, newSession: boolean, streaming: boolean): Promise<void> {
    const request = {newSession, streaming};
    const result = this.options.credentials
      ? await callCredentialsProvider(this.options.credentials, request)
      : await fetchCredentials(this.options.endpoint ?? '', request, {
          fetch: this.env.fetch,
          baseHref: this.env.baseHref,
          now: () => this.env.now(),
        });
    if (this.host.currentEpoch() !== epoch) return;
    if (!result.ok) {
      const error = {code: result.code, message: result.message};
      if (result.code === 'credentials-insecure') {
        this.host.setLocalError({code: 'insecure-url', message: result.message});
        this.host.dispatch({type: 'credentials.insecure', epoch});
        return;
      }
      // A failure the machine retries is still news for the host (its own backend is failing);
      // one it gives up on is reported by the machine when the chat ends.
      if (result.retryable) this.host.emitError(error);
      this.host.dispatch({type: 'credentials.failed', epoch, retryable: result.retryable, error});
      return;
    }
    const base = resolveBaseUrl(result.credentials.base_url);
    if (!base.ok) {
      // Refused before any connection: a non-loopback http:/ws: host would carry the token in clear.
      const error = {code: base.code, message: base.message};
      this.host.setLocalError(error);
      if (base.code === 'insecure-url') this.host.dispatch({type: 'credentials.insecure', epoch});
      else this.host.dispatch({type: 'credentials.failed', epoch, retryable: false, error});
      return;
    }
    // Only the newest credentials are ever used again: older epochs' tokens are forgotten.
    this.#credentials.clear();
    this.#credentials.set(epoch, {accessToken: result.credentials.access_token, httpBase: base.httpBase, wsUrl: base.wsUrl});
    const sessionId = result.credentials.session_id;
    this.host.dispatch({
      type: 'credentials.resolved',
      epoch,
      hasSession: typeof sessionId === 'string' && sessionId !== '',
      sessionId,
      baseUrl: base.httpBase,
      expiresIn: result.credentials.expires_in,
    });
  }

  async createSession(epoch: number, credentialsEpoch: number, streaming: boolean): Promise<void> {
    const held = this.#credentials.get(credentialsEpoch);
    if (!held) {
      const error = {code: 'session-invalid', message: 'No credentials to create a session with.'} as const;
      this.host.dispatch({type: 'session.failed', epoch, retryable: false, status: 401, error});
      return;
    }
    const result = await createSession(held.httpBase, held.accessToken, {streaming}, {fetch: this.env.fetch, now: () => this.env.now()});
    if (this.host.currentEpoch() !== epoch) return;
    if (result.ok) {
      this.host.dispatch({type: 'session.created', epoch, sessionId: result.sessionId});
      return;
    }
    this.host.dispatch({
      type: 'session.failed',
      epoch,
      retryable: result.retryable,
      status: result.needsNewCredentials ? 401 : result.status,
      error: {code: result.code, message: result.message},
    });
  }

  /** Opens the socket, or reports it closed at once when the credentials are gone. */
  openSocket(credentialsEpoch: number, sessionId: string, cursor: number, handlers: SocketHandlers): SocketHandle | null {
    const held = this.#credentials.get(credentialsEpoch);
    if (!held) return null;
    const url = buildSocketUrl(held.wsUrl, {sessionId, accessToken: held.accessToken, cursor});
    return openSocket(url, handlers, {WebSocket: this.env.WebSocket, reportError: this.env.reportError});
  }

  forget(): void {
    this.#credentials.clear();
  }
}
