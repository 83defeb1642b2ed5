// The one `import()` of the session chunk (element/session-chunk.ts), shared by the runtime factory
// and the element's SessionChunkController. Two `import()` calls of one module may resolve in
// different tasks (Chromium evaluates the module for one caller and settles the other's promise
// later), so the panel's first render could run before the runtime even exists. One promise
// settles its callers in the order they asked, in the task that evaluated the chunk: the runtime,
// asked for first (the update that starts the conversation), connects before the panel renders.
import type * as SessionChunk from '../element/session-chunk.js';

export type SessionChunkModule = typeof SessionChunk;

let loading: Promise<SessionChunkModule> | null = null;

/** The session chunk, loading it on the first call; after a failure (offline) the next call tries again. */
export function loadSessionChunk(): Promise<SessionChunkModule> {
  return (loading ??= import('../element/session-chunk.js').catch((error: unknown) => {
    loading = null;
    throw error;
  }));
}
