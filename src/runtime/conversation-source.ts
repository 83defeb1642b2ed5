// Whose conversation a memory kept per tab belongs to (the transcript copy for the next page, the
// launcher's open state and unread count): one answer for both, so they never disagree.
// The endpoint the credentials come from, resolved against the page as the credentials client
// resolves it — a relative endpoint on /en/ and on /de/ names two endpoints — or `credentials`
// for a callback (one source per tab: README, "Across pages"). null when there is none.

export interface SourceOptions {
  readonly credentials?: unknown;
  readonly endpoint?: string | null;
}

export function conversationSource(options: SourceOptions, baseHref: string | undefined): string | null {
  if (options.credentials) return 'credentials';
  if (!options.endpoint) return null;
  try {
    // The URL parser trims, as the client's does.
    return new URL(options.endpoint, baseHref).href;
  } catch {
    return null;
  }
}
