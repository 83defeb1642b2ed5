import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {prefetchCredentials} from '../../src/controller/credentials-prefetch.js';
import {withPrefetched} from '../../src/controller/prefetched-fetch.js';
import type {PrefetchedCredentials} from '../../src/controller/credentials-prefetch.js';
import {LazyRuntime} from '../../src/controller/lazy-runtime.js';
import type {SessionRuntimeApi, SessionRuntimeOptions} from '../../src/model/session-api.js';
import {fetchCredentials} from '../../src/transport/credentials-client.js';
import type {CredentialsResult} from '../../src/transport/credentials-client.js';
import {FakeFetch, jsonResponse, textResponse} from '../helpers/node/fake-fetch.js';
import type {FakeFetchAnswer} from '../helpers/node/fake-fetch.js';

const PAGE = 'https://shop.example.com/products/1';
const ENDPOINT = '/api/poly-chat/session';
const options: SessionRuntimeOptions = {endpoint: ENDPOINT, streaming: true};
// The machine's first attempt (transition.ts, `start`): the conversation the endpoint holds.
const FIRST = {newSession: false, streaming: true};

function prefetchWith(fake: FakeFetch, start: SessionRuntimeOptions = options, online = true): PrefetchedCredentials | null {
  return prefetchCredentials(start, {fetch: fake.fetch, baseHref: PAGE, online});
}

/** The runtime's first credentials request, served by the prefetched POST when there is one. */
function firstRequest(fake: FakeFetch, prefetched: PrefetchedCredentials | null): Promise<CredentialsResult> {
  return fetchCredentials(ENDPOINT, FIRST, {fetch: withPrefetched(fake.fetch, prefetched), baseHref: PAGE});
}

describe('credentials prefetch: the POST goes out while the session chunk loads', () => {
  it('sends exactly the request the credentials client sends (URL, method, cookies, cache, headers, body)', async () => {
    const early = new FakeFetch().reply(jsonResponse({access_token: 't'}));
    const late = new FakeFetch().reply(jsonResponse({access_token: 't'}));
    assert.notEqual(prefetchWith(early), null);
    await firstRequest(late, null);
    assert.equal(early.requests.length, 1);
    assert.deepEqual(early.last, late.last);
    assert.equal(early.last.credentials, 'same-origin');
    assert.equal(early.last.body, '{"new_session":false,"streaming":true}');
  });

  it('the runtime reads the prefetched answer instead of sending a second POST; later requests go to the network', async () => {
    const fake = new FakeFetch().reply(jsonResponse({access_token: 'tok', session_id: 's1'}), jsonResponse({access_token: 'tok2'}));
    const prefetched = prefetchWith(fake);
    const fetch = withPrefetched(fake.fetch, prefetched);
    const first = await fetchCredentials(ENDPOINT, FIRST, {fetch, baseHref: PAGE});
    assert.deepEqual(first, {ok: true, credentials: {access_token: 'tok', session_id: 's1'}});
    assert.equal(fake.requests.length, 1);
    const second = await fetchCredentials(ENDPOINT, FIRST, {fetch, baseHref: PAGE});
    assert.deepEqual(second, {ok: true, credentials: {access_token: 'tok2'}});
    assert.equal(fake.requests.length, 2);
  });

  const answers: Array<[string, () => FakeFetchAnswer]> = [
    ['credentials', () => jsonResponse({access_token: 'tok', session_id: 's1', expires_in: 60})],
    ['a network failure', () => new TypeError('Failed to fetch')],
    ['HTTP 503 with a server error', () => jsonResponse({error: 'backend down'}, {status: 503})],
    ['HTTP 429 with Retry-After', () => textResponse('slow down', {status: 429, headers: {'retry-after': '7'}})],
    ['invalid JSON', () => textResponse('<html>', {status: 200})],
    ['a body without a token', () => jsonResponse({session_id: 's1'})],
  ];
  for (const [name, answer] of answers) {
    it(`${name} surfaces exactly as without the prefetch`, async () => {
      const early = new FakeFetch().reply(answer());
      const viaPrefetch = await firstRequest(early, prefetchWith(early));
      const direct = await firstRequest(new FakeFetch().reply(answer()), null);
      assert.deepEqual(viaPrefetch, direct);
      assert.equal(early.requests.length, 1);
    });
  }

  it('a rejected prefetch read by nobody (the runtime was disposed first) is not an unhandled rejection', async () => {
    let unhandled = 0;
    const count = (): void => void unhandled++;
    process.on('unhandledRejection', count);
    try {
      prefetchWith(new FakeFetch().reply(new TypeError('Failed to fetch')));
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', count);
    }
    assert.equal(unhandled, 0);
  });

  it('a first request that differs (another body or URL) goes to the network, and the prefetch is not used later', async () => {
    const fake = new FakeFetch().reply(jsonResponse({access_token: 'early'}), jsonResponse({access_token: 'a'}), jsonResponse({access_token: 'b'}));
    const fetch = withPrefetched(fake.fetch, prefetchWith(fake));
    const other = await fetchCredentials(ENDPOINT, {newSession: true, streaming: true}, {fetch, baseHref: PAGE});
    assert.deepEqual(other, {ok: true, credentials: {access_token: 'a'}});
    const same = await fetchCredentials(ENDPOINT, FIRST, {fetch, baseHref: PAGE});
    assert.deepEqual(same, {ok: true, credentials: {access_token: 'b'}});
    assert.equal(fake.requests.length, 3);
  });

  const refused: Array<[string, SessionRuntimeOptions, boolean?]> = [
    ['a .credentials callback (the runtime calls it)', {endpoint: ENDPOINT, streaming: true, credentials: () => Promise.resolve({access_token: 't'})}],
    ['no endpoint', {streaming: true}],
    ['an empty endpoint', {endpoint: '  ', streaming: true}],
    ['plain http to another origin (the client decides: loopback only)', {endpoint: 'http://localhost:8080/creds', streaming: true}],
    ['user info in the URL', {endpoint: 'https://user:pw@shop.example.com/creds', streaming: true}],
    ['a scheme other than http(s)', {endpoint: 'javascript:alert(1)', streaming: true}],
    ['an offline browser (the runtime waits for the network)', options, false],
  ];
  for (const [name, start, online] of refused) {
    it(`sends nothing for ${name}`, () => {
      const fake = new FakeFetch();
      assert.equal(prefetchWith(fake, start, online ?? true), null);
      assert.equal(fake.requests.length, 0);
    });
  }

  it('sends to an https endpoint on another origin (the client accepts it)', () => {
    const fake = new FakeFetch().reply(jsonResponse({access_token: 't'}));
    const prefetched = prefetchWith(fake, {endpoint: 'https://api.example.net/creds', streaming: false});
    assert.equal(prefetched?.url, 'https://api.example.net/creds');
    assert.equal(fake.last.body, '{"new_session":false,"streaming":false}');
  });
});

class StubRuntime extends EventTarget implements SessionRuntimeApi {
  readonly calls: string[] = [];
  readonly snapshot = {} as SessionRuntimeApi['snapshot'];
  start(): void {
    this.calls.push('start');
  }
  send(): void {}
  retryMessage(): void {}
  typing(): void {}
  end(): void {}
  restart(): Promise<void> {
    return Promise.resolve();
  }
  retryNow(): void {}
  dispose(): void {
    this.calls.push('dispose');
  }
}

describe('LazyRuntime: the prefetched credentials reach the real runtime', () => {
  function deferred<T>(): {promise: Promise<T>; resolve: (value: T) => void} {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => (resolve = r));
    return {promise, resolve};
  }
  const PREFETCHED: PrefetchedCredentials = {url: 'https://x/c', body: '{}', response: Promise.resolve(new Response('{}'))};

  it('start() before the chunk arrives prefetches once; create() gets it with the options, then the replayed start()', async () => {
    type Create = (o: SessionRuntimeOptions, p: PrefetchedCredentials | null) => SessionRuntimeApi;
    const chunk = deferred<Create>();
    const prefetches: SessionRuntimeOptions[] = [];
    const created: Array<PrefetchedCredentials | null> = [];
    const real = new StubRuntime();
    const lazy = new LazyRuntime(options, () => chunk.promise, (o) => (prefetches.push(o), PREFETCHED));
    lazy.start();
    lazy.start();
    assert.deepEqual(prefetches, [options]);
    chunk.resolve((o, p) => {
      assert.equal(o, options);
      created.push(p);
      return real;
    });
    await chunk.promise;
    await Promise.resolve();
    assert.deepEqual(created, [PREFETCHED]);
    assert.deepEqual(real.calls, ['start', 'start']);
  });

  it('without start() there is no prefetch (a launcher nobody opened), and create() gets null', async () => {
    let prefetches = 0;
    let given: PrefetchedCredentials | null | undefined;
    const lazy = new LazyRuntime(options, () => Promise.resolve((_o: SessionRuntimeOptions, p: PrefetchedCredentials | null) => ((given = p), new StubRuntime())), () => (prefetches++, PREFETCHED));
    await new Promise((resolve) => setTimeout(resolve, 0));
    lazy.start();
    assert.equal(prefetches, 0);
    assert.equal(given, null);
  });

  it('disposed before the chunk arrives: no runtime is created', async () => {
    const chunk = deferred<(o: SessionRuntimeOptions, p: PrefetchedCredentials | null) => SessionRuntimeApi>();
    let created = 0;
    const lazy = new LazyRuntime(options, () => chunk.promise, () => PREFETCHED);
    lazy.start();
    lazy.dispose();
    chunk.resolve(() => (created++, new StubRuntime()));
    await chunk.promise;
    await Promise.resolve();
    assert.equal(created, 0);
  });
});
