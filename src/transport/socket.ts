// The WebSocket as a dumb pipe (architecture: "Transport — a dumb pipe"): text frames in and out,
// one close report, nothing after close. No retries, no timers, no logging. The URL carries the
// access token, so nothing this file reports ever contains it.
import {redactSecrets} from './redact.js';

/** What the wrapper reads from a socket event; DOM events and the `ws` package's both fit. */
export interface SocketEventLike {
  readonly type: string;
  readonly data?: unknown;
  readonly code?: number;
  readonly reason?: string;
}

export type SocketEventType = 'open' | 'message' | 'close' | 'error';

/** The slice of the DOM `WebSocket` the wrapper uses (test fakes implement just this). */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: SocketEventType, listener: (event: SocketEventLike) => void): void;
  removeEventListener(type: SocketEventType, listener: (event: SocketEventLike) => void): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export interface SocketEnv {
  WebSocket: WebSocketConstructor;
  /**
   * Receives exceptions thrown by the handlers, which never escape into the socket's event
   * dispatch (pass `globalThis.reportError` in the browser). Without it they are dropped.
   */
  reportError?: (error: unknown) => void;
}

export interface SocketHandlers {
  onOpen(): void;
  onFrame(data: string): void;
  /** A binary frame arrived; PolyAI only sends text (protocol §3.2), so callers just count these. */
  onBinary?(): void;
  /**
   * The socket closed by itself (server close, network loss, failed handshake). Fires at most
   * once and never after `close()`. `wasOpen` false = closed before open: the browser hides the
   * handshake status, so this may be a 401/404 (protocol §3.3).
   */
  onClose(code: number, reason: string, wasOpen: boolean): void;
}

export interface SocketHandle {
  /** False (nothing sent) unless the socket is open. */
  send(text: string): boolean;
  /** Idempotent; afterwards no handler fires again. An invalid code falls back to a plain close. */
  close(code?: number, reason?: string): void;
  /** Bytes queued but not yet sent; 0 before open and after close. */
  readonly bufferedAmount: number;
}

const OPEN = 1; // WebSocket.OPEN, which a structural fake need not define
const ABNORMAL_CLOSURE = 1006;

export function openSocket(url: string, handlers: SocketHandlers, env: SocketEnv): SocketHandle {
  let phase: 'connecting' | 'open' | 'closed' = 'connecting';
  let socket: WebSocketLike | undefined;
  // A server may echo the token in a close reason; reasons are surfaced, so strip it.
  const token = accessTokenOf(url);

  const guard = (run: () => void): void => {
    try {
      run();
    } catch (error) {
      env.reportError?.(error);
    }
  };
  const listeners: Record<SocketEventType, (event: SocketEventLike) => void> = {
    open: () => {
      if (phase !== 'connecting') return;
      phase = 'open';
      guard(() => handlers.onOpen());
    },
    message: (event) => {
      if (phase !== 'open') return;
      const {data} = event;
      guard(() => (typeof data === 'string' ? handlers.onFrame(data) : handlers.onBinary?.()));
    },
    close: (event) => {
      const reason = redactSecrets(event.reason ?? '', token === undefined ? [] : [token]);
      reportClosed(event.code ?? ABNORMAL_CLOSURE, reason);
    },
    // Browsers put nothing in `error`, and a `close` always follows it.
    error: () => {},
  };
  const detach = (): void => {
    for (const type of Object.keys(listeners) as SocketEventType[]) socket?.removeEventListener(type, listeners[type]);
  };
  const reportClosed = (code: number, reason: string): void => {
    if (phase === 'closed') return;
    const wasOpen = phase === 'open';
    phase = 'closed';
    detach();
    guard(() => handlers.onClose(code, reason, wasOpen));
  };

  try {
    socket = new env.WebSocket(url);
    for (const type of Object.keys(listeners) as SocketEventType[]) socket.addEventListener(type, listeners[type]);
  } catch {
    // A bad URL or a blocked scheme throws, with the URL (and token) in its message: report a
    // plain failed handshake instead, after the caller has its handle.
    void Promise.resolve().then(() => reportClosed(ABNORMAL_CLOSURE, 'socket could not be created'));
  }

  return {
    send(text) {
      if (phase !== 'open' || socket === undefined || socket.readyState !== OPEN) return false;
      try {
        socket.send(text);
        return true;
      } catch {
        return false;
      }
    },
    close(code = 1000, reason = '') {
      if (phase === 'closed') return;
      phase = 'closed';
      detach();
      try {
        socket?.close(code, reason);
      } catch {
        // close() throws on a code outside 1000/3000–4999 or a reason over 123 bytes.
        try {
          socket?.close();
        } catch {
          // Nothing left to do: the socket is unusable either way.
        }
      }
    },
    get bufferedAmount() {
      return phase === 'closed' || socket === undefined ? 0 : socket.bufferedAmount;
    },
  };
}

function accessTokenOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('access_token') ?? undefined;
  } catch {
    return undefined;
  }
}
