// The fakes other suites rely on (runtime, transport) must behave like the real thing where it
// matters; a wrong fake makes every test built on it meaningless.
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {FakeClock} from '../helpers/node/fake-clock.js';
import {FakeFetch, jsonResponse} from '../helpers/node/fake-fetch.js';
import {CLOSING, FakeWebSockets, OPEN} from '../helpers/node/fake-web-socket.js';

describe('FakeClock', () => {
  it('starts where told and moves only on advance()', () => {
    const clock = new FakeClock(1000);
    assert.equal(clock.now(), 1000);
    clock.advance(250);
    assert.equal(clock.now(), 1250);
  });

  it('fires due timers in due order, ties in scheduling order, with now() at each due time', () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 30);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 10);
    clock.advance(9);
    assert.deepEqual(fired, []);
    clock.advance(21);
    assert.deepEqual(fired, ['a@10', 'b@10', 'c@30']);
    assert.equal(clock.pendingCount, 0);
  });

  it('fires timers scheduled during advance() when due inside the window', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    clock.setTimeout(() => {
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 5);
      clock.setTimeout(() => fired.push(clock.now()), 500);
    }, 10);
    clock.advance(100);
    assert.deepEqual(fired, [10, 15]);
    assert.equal(clock.pendingCount, 1);
    assert.equal(clock.nextDueIn(), 410);
  });

  it('clearTimeout cancels; unknown handles are ignored; bound methods work detached', () => {
    const clock = new FakeClock();
    const {setTimeout, clearTimeout} = clock;
    let fired = false;
    const id = setTimeout(() => (fired = true), 10);
    clearTimeout(id);
    clearTimeout(12345);
    clearTimeout(undefined);
    clock.advance(100);
    assert.equal(fired, false);
    assert.equal(clock.nextDueIn(), undefined);
  });

  it('treats negative and NaN delays as 0, firing on advance(0)', () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('neg'), -5);
    clock.setTimeout(() => fired.push('nan'), Number.NaN);
    clock.advance(0);
    assert.deepEqual(fired, ['neg', 'nan']);
  });

  it('fails loudly on a zero-delay timer loop instead of hanging', () => {
    const clock = new FakeClock();
    const loop = (): void => {
      clock.setTimeout(loop, 0);
    };
    loop();
    assert.throws(() => clock.advance(1), /zero-delay loop/);
  });

  it('rejects a negative advance', () => {
    assert.throws(() => new FakeClock().advance(-1), RangeError);
  });
});

describe('FakeFetch', () => {
  it('answers in queue order and rejects when nothing is queued', async () => {
    const fake = new FakeFetch().reply(jsonResponse({n: 1}), new TypeError('offline'));
    assert.deepEqual(await (await fake.fetch('/a')).json(), {n: 1});
    await assert.rejects(fake.fetch('/b'), /offline/);
    await assert.rejects(fake.fetch('/c', {method: 'POST'}), /no answer queued for POST \/c/);
    assert.deepEqual(fake.requests.map((request) => request.url), ['/a', '/b', '/c']);
  });

  it('rejects with AbortError when the signal aborts, before or during the request', async () => {
    const fake = new FakeFetch().reply(() => new Promise<Response>(() => {}), jsonResponse({}));
    const controller = new AbortController();
    const pending = fake.fetch('/slow', {signal: controller.signal});
    controller.abort();
    await assert.rejects(pending, {name: 'AbortError'});
    await assert.rejects(fake.fetch('/x', {signal: controller.signal}), {name: 'AbortError'});
  });
});

describe('FakeWebSocket', () => {
  it('throws on send while connecting, like a browser', () => {
    const sockets = new FakeWebSockets();
    const socket = new sockets.WebSocket('wss://h/ws');
    assert.throws(() => socket.send('x'), {name: 'InvalidStateError'});
  });

  it('validates close codes and reason length, like a browser', () => {
    const sockets = new FakeWebSockets();
    const socket = new sockets.WebSocket('wss://h/ws');
    assert.throws(() => socket.close(1006), {name: 'InvalidAccessError'});
    assert.throws(() => socket.close(1000, 'é'.repeat(62)), {name: 'SyntaxError'});
    socket.close(4000, 'ok');
    assert.equal(socket.readyState, CLOSING);
  });

  it('keeps a registry per instance', () => {
    const a = new FakeWebSockets();
    const b = new FakeWebSockets();
    new a.WebSocket('wss://a/ws');
    assert.equal(a.sockets.length, 1);
    assert.equal(b.sockets.length, 0);
    a.last.open();
    assert.equal(a.last.readyState, OPEN);
    assert.throws(() => b.last, /no socket/);
  });
});
