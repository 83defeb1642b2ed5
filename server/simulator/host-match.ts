// X-Host matching (§2.1): the registered host or any subdomain of it. A scheme, port or path around
// the header value (e.g. `http://localhost:5173`) is tolerated, because browsers' origins carry them.

/** Reduces `https://App.Example.com:8443/x` to `app.example.com`. */
export function normaliseHost(value: string): string {
  let host = value.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.replace(/[/?#].*$/, '');
  if (host.startsWith('[')) return host.replace(/\]:\d+$/, ']');
  return host.replace(/:\d+$/, '').replace(/\.$/, '');
}

export function hostMatches(registered: string, header: string): boolean {
  const want = normaliseHost(registered);
  const got = normaliseHost(header);
  if (want === '' || got === '') return false;
  return got === want || got.endsWith(`.${want}`);
}
