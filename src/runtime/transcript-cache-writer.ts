// Writes the current conversation's transcript to the tab's transcript cache (transcript-cache.ts),
// off the hot path: a change arms one write a moment later (a streamed reply of a thousand chunks
// costs one), and the page going away (pagehide, tab hidden) or the element leaving writes at once.
// An ended conversation is cleared, and so is one the user left for a new one.
import {currentConversationLength} from '../protocol/transcript.js';
import type {TranscriptState} from '../protocol/transcript-types.js';
import type {RuntimeEnv} from './runtime-env.js';
import type {CachedTranscript, TranscriptCache} from './transcript-cache.js';

/** How long after a change the cache is written (any number of changes meanwhile: one write). */
export const CACHE_WRITE_DELAY_MS = 1_000;

export interface CacheSubject {
  readonly transcript: TranscriptState;
  /** The conversation is over (SESSION_END, the user left, or it cannot be resumed): nothing to show next time. */
  readonly ended: boolean;
}

export class TranscriptCacheWriter {
  #timer: unknown = null;
  /** A conversation left for a new one: never written again. */
  #left: string | null = null;

  constructor(
    private readonly env: Pick<RuntimeEnv, 'setTimeout' | 'clearTimeout'>,
    private readonly cache: TranscriptCache,
    private readonly source: string,
    private readonly subject: () => CacheSubject,
  ) {}

  get pendingTimers(): number {
    return this.#timer === null ? 0 : 1;
  }

  /** What the previous page kept of this source's conversation. */
  read(): CachedTranscript | null {
    return this.cache.read(this.source);
  }

  /** The transcript changed: write it soon. */
  changed(): void {
    this.#timer ??= this.env.setTimeout(() => this.flush(), CACHE_WRITE_DELAY_MS);
  }

  /** Writes now (the page may be going away). */
  flush(): void {
    this.#cancel();
    const {transcript, ended} = this.subject();
    if (ended) {
      this.cache.clear(this.source);
      return;
    }
    if (transcript.sessionId === null || transcript.sessionId === this.#left) return;
    const {messages} = transcript;
    const current = currentConversationLength(transcript);
    this.cache.write(this.source, {
      sessionId: transcript.sessionId,
      segment: transcript.segment,
      messages: current === messages.length ? messages : messages.slice(messages.length - current),
    });
  }

  /** The conversation is being left for a new one (restart, or it was lost): keep nothing of it. */
  forget(sessionId: string | null): void {
    this.#cancel();
    this.#left = sessionId;
    this.cache.clear(this.source);
  }

  dispose(): void {
    this.flush();
  }

  #cancel(): void {
    if (this.#timer !== null) this.env.clearTimeout(this.#timer);
    this.#timer = null;
  }
}
