// The real runtime's side of the credentials prefetch (credentials-prefetch.ts): its first fetch
// takes the POST already on its way. Only the session chunk imports it, so it loads with the chunk.
import type {PrefetchedCredentials} from './credentials-prefetch.js';

/**
 * The runtime's fetch, with the prefetched POST standing in for its first call when that call is
 * the same request; any other first call (and every later one) goes to the network as usual.
 */
export function withPrefetched(
  fetch: (url: string, init: RequestInit) => Promise<Response>,
  prefetched: PrefetchedCredentials | null,
): (url: string, init: RequestInit) => Promise<Response> {
  let pending = prefetched;
  return (url, init) => {
    const mine = pending;
    pending = null;
    if (mine !== null && mine.url === url && init.method === 'POST' && init.body === mine.body && !init.signal) return mine.response;
    return fetch(url, init);
  };
}
