import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {WebSocket as NodeWebSocket} from 'ws';
import {openSocket} from '../../src/transport/socket.js';
import type {SocketEnv, SocketHandle, SocketHandlers, WebSocketConstructor} from '../../src/transport/socket.js';
import {FakeWebSockets} from '../helpers/node/fake-web-socket.js';

// Compile-time: the browser's WebSocket and the `ws` package's both fit `env.WebSocket`.
const _browserFits: WebSocketConstructor | undefined = undefined as typeof WebSocket | undefined;
const _nodeFits: WebSocketConstructor | undefined = undefined as typeof NodeWebSocket | undefined;

const URL_WITH_TOKEN = 'wss://messaging.poly.ai/ws?session_id=s-1&access_token=TOKEN-SECRET-XYZ';

function setup(extraEnv: Partial<SocketEnv> = {}, handlerOverrides: Partial<SocketHandlers> = {}) {
  const sockets = new FakeWebSockets();
  const log: string[] = [];
  const handlers: SocketHandlers = {
    onOpen: () => log.push('open'),
    onFrame: (data) => log.push(`frame:${data}`),
    onBinary: () => log.push('binary'),
    onClose: (code, reason, wasOpen) => log.push(`close:${code}:${reason}:${wasOpen}`),
    ...handlerOverrides,
  };
  const handle: SocketHandle = openSocket(URL_WITH_TOKEN, handlers, {WebSocket: sockets.WebSocket, ...extraEnv});
  return {sockets, log, handle};
}

describe('openSocket', () => {
  it('opens one socket on the given URL', () => {
    const {sockets} = setup();
    assert.equal(sockets.sockets.length, 1);
    assert.equal(sockets.last.url, URL_WITH_TOKEN);
  });

  it('reports open, text frames, then close, in order', () => {
    const {sockets, log} = setup();
    const socket = sockets.last;
    socket.open();
    socket.receive('{"a":1}');
    socket.receive('{"b":2}');
    socket.serverClose(1000, 'bye');
    assert.deepEqual(log, ['open', 'frame:{"a":1}', 'frame:{"b":2}', 'close:1000:bye:true']);
  });

  it('reports a drop after open as 1006 with wasOpen=true, and ignores the error event', () => {
    const {sockets, log} = setup();
    sockets.last.open();
    sockets.last.fail();
    assert.deepEqual(log, ['open', 'close:1006::true']);
  });

  it('reports closed-before-open (a refused handshake) with wasOpen=false', () => {
    const {sockets, log} = setup();
    sockets.last.fail();
    assert.deepEqual(log, ['close:1006::false']);
  });

  it('reports a close event without a code as 1006', () => {
    const {sockets, log} = setup();
    sockets.last.emit({type: 'close'});
    assert.deepEqual(log, ['close:1006::false']);
  });

  it('passes binary frames to onBinary, never to onFrame', () => {
    const {sockets, log} = setup();
    sockets.last.open();
    sockets.last.receiveBinary();
    sockets.last.emit({type: 'message', data: new Uint8Array([1, 2])});
    assert.deepEqual(log, ['open', 'binary', 'binary']);
  });

  it('drops binary frames quietly when there is no onBinary', () => {
    const {sockets, log} = setup({}, {onBinary: undefined});
    sockets.last.open();
    sockets.last.receiveBinary();
    sockets.last.receive('t');
    assert.deepEqual(log, ['open', 'frame:t']);
  });

  it('send() returns false before open and after close, true while open', () => {
    const {sockets, handle} = setup();
    const socket = sockets.last;
    assert.equal(handle.send('early'), false);
    socket.open();
    assert.equal(handle.send('one'), true);
    socket.serverClose(1000, '');
    assert.equal(handle.send('late'), false);
    assert.deepEqual(socket.sent, ['one']);
  });

  it('send() returns false after the caller closed', () => {
    const {sockets, handle} = setup();
    sockets.last.open();
    handle.close();
    assert.equal(handle.send('x'), false);
    assert.deepEqual(sockets.last.sent, []);
  });

  it('close() is idempotent and passes code and reason once', () => {
    const {sockets, handle, log} = setup();
    sockets.last.open();
    handle.close(4000, 'user left');
    handle.close(4000, 'user left');
    handle.close();
    assert.deepEqual(sockets.last.closeCalls, [{code: 4000, reason: 'user left'}]);
    assert.deepEqual(log, ['open'], 'closing yourself reports nothing');
  });

  it('close() defaults to 1000', () => {
    const {sockets, handle} = setup();
    handle.close();
    assert.deepEqual(sockets.last.closeCalls, [{code: 1000, reason: ''}]);
  });

  it('close() with a code the browser rejects still closes the socket', () => {
    const {sockets, handle} = setup();
    sockets.last.open();
    assert.doesNotThrow(() => handle.close(1006, 'x'.repeat(200)));
    assert.deepEqual(sockets.last.closeCalls, [{code: undefined, reason: undefined}]);
  });

  it('close() detaches its listeners', () => {
    const {sockets, handle} = setup();
    assert.equal(sockets.last.listenerCount(), 4);
    handle.close();
    assert.equal(sockets.last.listenerCount(), 0);
  });

  it('swallows late events after close() even from a socket that keeps its listeners', () => {
    const {sockets, handle, log} = setup();
    const socket = sockets.last;
    socket.open();
    socket.removeEventListener = () => {}; // a stale socket whose events still arrive
    handle.close();
    socket.receive('late frame');
    socket.emit({type: 'open'});
    socket.serverClose(1000, 'late close');
    assert.deepEqual(log, ['open']);
  });

  it('close() before open swallows the later open and close', () => {
    const {sockets, handle, log} = setup();
    handle.close();
    sockets.last.emit({type: 'open'});
    sockets.last.emit({type: 'close', code: 1006, reason: ''});
    assert.deepEqual(log, []);
  });

  it('reports close only once even if the socket emits it twice', () => {
    const {sockets, log} = setup();
    sockets.last.open();
    sockets.last.serverClose(1001, 'going away');
    sockets.last.emit({type: 'close', code: 1000, reason: 'again'});
    sockets.last.emit({type: 'message', data: 'after close'});
    assert.deepEqual(log, ['open', 'close:1001:going away:true']);
  });

  it('ignores frames before open and a second open', () => {
    const {sockets, log} = setup();
    sockets.last.emit({type: 'message', data: 'too early'});
    sockets.last.open();
    sockets.last.emit({type: 'open'});
    assert.deepEqual(log, ['open']);
  });

  it('exposes bufferedAmount while the socket lives, 0 after close', () => {
    const {sockets, handle} = setup();
    sockets.last.open();
    sockets.last.bufferedAmount = 2048;
    assert.equal(handle.bufferedAmount, 2048);
    handle.close();
    assert.equal(handle.bufferedAmount, 0);
  });

  it('a throwing handler never escapes into the socket and goes to env.reportError', () => {
    const reported: unknown[] = [];
    const boom = new Error('handler bug');
    const {sockets, log} = setup({reportError: (error) => reported.push(error)}, {
      onFrame: () => {
        throw boom;
      },
    });
    sockets.last.open();
    assert.doesNotThrow(() => sockets.last.receive('x'));
    sockets.last.serverClose(1000, '');
    assert.deepEqual(reported, [boom]);
    assert.deepEqual(log, ['open', 'close:1000::true'], 'the socket keeps working after a handler threw');
  });

  it('a throwing handler without reportError is dropped silently', () => {
    const {sockets} = setup({}, {
      onOpen: () => {
        throw new Error('x');
      },
    });
    assert.doesNotThrow(() => sockets.last.open());
  });

  it('redacts the access token from a close reason the server echoes', () => {
    const {sockets, log} = setup();
    sockets.last.open();
    sockets.last.serverClose(4001, 'bad token TOKEN-SECRET-XYZ');
    assert.deepEqual(log, ['open', 'close:4001:bad token [redacted]:true']);
  });

  it('a constructor that throws (bad URL, blocked scheme) becomes a failed handshake without the URL', async () => {
    const sockets = new FakeWebSockets();
    sockets.constructorError = new SyntaxError(`Failed to construct 'WebSocket': The URL '${URL_WITH_TOKEN}' is invalid.`);
    const log: string[] = [];
    const handle = openSocket(URL_WITH_TOKEN, {
      onOpen: () => log.push('open'),
      onFrame: () => log.push('frame'),
      onClose: (code, reason, wasOpen) => log.push(`close:${code}:${reason}:${wasOpen}`),
    }, {WebSocket: sockets.WebSocket});
    assert.deepEqual(log, [], 'not reported before the caller has its handle');
    assert.equal(handle.send('x'), false);
    assert.equal(handle.bufferedAmount, 0);
    await Promise.resolve();
    assert.deepEqual(log, ['close:1006:socket could not be created:false']);
    assert.ok(!log.join().includes('TOKEN-SECRET-XYZ'));
  });

  it('a constructor failure is not reported when the caller closed first', async () => {
    const sockets = new FakeWebSockets();
    sockets.constructorError = new SyntaxError('bad');
    const log: string[] = [];
    const handle = openSocket('x', {onOpen: () => {}, onFrame: () => {}, onClose: () => log.push('close')}, {WebSocket: sockets.WebSocket});
    handle.close();
    await Promise.resolve();
    assert.deepEqual(log, []);
  });
});
