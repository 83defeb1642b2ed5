// Counts the WebSockets a runtime opens (a subclass of the real one, handed in through env), so
// tests can prove there is never a duplicate or a leaked socket.
export class SocketLog {
  readonly sockets: WebSocket[] = [];
  /** Frames received, over all sockets. */
  received = 0;
  readonly WebSocket: typeof WebSocket;

  constructor(base: typeof WebSocket = globalThis.WebSocket) {
    const sockets = this.sockets;
    const onMessage = (): void => {
      this.received++;
    };
    this.WebSocket = class extends base {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
        this.addEventListener('message', onMessage);
      }
    };
  }

  /** Sockets connecting or open (not closing or closed). */
  get live(): number {
    return this.sockets.filter((socket) => socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN).length;
  }

  get count(): number {
    return this.sockets.length;
  }
}
