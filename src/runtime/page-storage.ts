// The page's sessionStorage, for everything kept per tab (launcher state, teaser flag, unsent
// messages, the transcript copy): one place that knows a page may have none, or may not touch it.

/** The page's sessionStorage, or null where there is none (or it may not be touched). */
export function pageSessionStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // a sandboxed frame throws on access
  }
}
