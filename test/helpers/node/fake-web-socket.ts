// A scripted WebSocket for `env.WebSocket`: the test plays the server (open, frames, closes) and
// reads what the client sent. Mirrors the browser's rules where they matter: send() throws while
// connecting, close() validates its code, events only reach listeners still attached.
import type {
  SocketEventLike,
  SocketEventType,
  WebSocketConstructor,
  WebSocketLike,
} from '../../../src/transport/socket.js';

type Listener = (event: SocketEventLike) => void;

export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSING = 2;
export const CLOSED = 3;

export class FakeWebSocket implements WebSocketLike {
  readyState = CONNECTING;
  bufferedAmount = 0;
  /** Text the client sent, in order. */
  readonly sent: string[] = [];
  /** Every close() call the client made. */
  readonly closeCalls: {code: number | undefined; reason: string | undefined}[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(readonly url: string) {}

  send(data: string): void {
    if (this.readyState === CONNECTING) throw new DOMException('Still in CONNECTING state.', 'InvalidStateError');
    if (this.readyState === OPEN) this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
      throw new DOMException(`The close code ${code} is neither 1000 nor in 3000-4999.`, 'InvalidAccessError');
    }
    if (reason !== undefined && new TextEncoder().encode(reason).length > 123) {
      throw new DOMException('The close reason is longer than 123 bytes.', 'SyntaxError');
    }
    this.closeCalls.push({code, reason});
    if (this.readyState === CONNECTING || this.readyState === OPEN) this.readyState = CLOSING;
  }

  addEventListener(type: SocketEventType, listener: Listener): void {
    const set = this.listeners.get(type) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: SocketEventType, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  listenerCount(type?: SocketEventType): number {
    if (type !== undefined) return this.listeners.get(type)?.size ?? 0;
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  // ---- the server's side -------------------------------------------------------------------

  /** The handshake succeeded. */
  open(): void {
    this.readyState = OPEN;
    this.emit({type: 'open'});
  }

  /** A text frame from the server. */
  receive(text: string): void {
    this.emit({type: 'message', data: text});
  }

  /** A binary frame from the server. */
  receiveBinary(data: ArrayBuffer = new ArrayBuffer(4)): void {
    this.emit({type: 'message', data});
  }

  /** A clean close by the server (or the end of the client's close handshake). */
  serverClose(code = 1000, reason = ''): void {
    this.readyState = CLOSED;
    this.emit({type: 'close', code, reason});
  }

  /** Abrupt loss or a refused handshake: `error`, then `close` 1006, as browsers report it. */
  fail(): void {
    this.readyState = CLOSED;
    this.emit({type: 'error'});
    this.emit({type: 'close', code: 1006, reason: ''});
  }

  /** Emits an arbitrary event, e.g. a late one after the client closed. */
  emit(event: SocketEventLike): void {
    for (const listener of [...(this.listeners.get(event.type) ?? [])]) listener(event);
  }
}

/** Hands out an `env.WebSocket` and remembers every socket it created. */
export class FakeWebSockets {
  readonly sockets: FakeWebSocket[] = [];
  /** When set, the constructor throws it (e.g. a SyntaxError for a bad URL). */
  constructorError: Error | undefined;

  readonly WebSocket: WebSocketConstructor;

  constructor() {
    // A class per registry, so every test gets its own list of sockets.
    const refusal = (): Error | undefined => this.constructorError;
    const sockets = this.sockets;
    this.WebSocket = class extends FakeWebSocket {
      constructor(url: string) {
        const error = refusal();
        if (error !== undefined) throw error;
        super(url);
        sockets.push(this);
      }
    };
  }

  /** The most recent socket; throws when none was created. */
  get last(): FakeWebSocket {
    const socket = this.sockets.at(-1);
    if (socket === undefined) throw new Error('FakeWebSockets: no socket was created');
    return socket;
  }
}
