// User messages on their way to the server, in send order. The transcript shows them; the outbox
// remembers what still has to go out and how often it went, so a message is re-sent only while
// its echo is missing (protocol §4.3, §11.3) and never after it was confirmed.
import type {PolyChatMessage} from '../protocol/message.js';

export interface OutgoingMessage {
  readonly clientEventId: string;
  readonly text: string;
  /** Times it was written to a socket. */
  sends: number;
  /** Epoch of the socket it was last written to; null = not on the current connection yet. */
  sentOnEpoch: number | null;
  /** Frames that socket had received when it was written: none since = the socket may be dead. */
  framesAtSend: number;
  /** Gave up waiting for the echo; only the user's retry sends it again. */
  failed: boolean;
}

/** The transcript id of a local user message (protocol/transcript-apply.ts). */
export function localMessageId(clientEventId: string): string {
  return `c:${clientEventId}`;
}

export class Outbox {
  private readonly entries = new Map<string, OutgoingMessage>();
  /** Bumped whenever an entry comes, goes, fails or is retried: what is kept for a reload changed. */
  version = 0;

  get size(): number {
    return this.entries.size;
  }

  add(clientEventId: string, text: string): OutgoingMessage {
    const entry: OutgoingMessage = {clientEventId, text, sends: 0, sentOnEpoch: null, framesAtSend: 0, failed: false};
    this.entries.set(clientEventId, entry);
    this.version++;
    return entry;
  }

  /** Every entry, failed ones included, in send order. */
  all(): OutgoingMessage[] {
    return [...this.entries.values()];
  }

  /** Gave up on the echo: only the user's retry sends it again. */
  markFailed(entry: OutgoingMessage): void {
    entry.failed = true;
    this.version++;
  }

  /** The user's retry: a fresh start of the send count. */
  markRetried(entry: OutgoingMessage): void {
    entry.failed = false;
    entry.sends = 0;
    entry.sentOnEpoch = null;
    this.version++;
  }

  get(clientEventId: string): OutgoingMessage | undefined {
    return this.entries.get(clientEventId);
  }

  /** Waiting entries in send order (failed ones excluded). */
  waiting(): OutgoingMessage[] {
    return [...this.entries.values()].filter((entry) => !entry.failed);
  }

  /** Drops every entry whose echo the transcript has seen; returns the confirmed ids. */
  pruneConfirmed(messages: readonly PolyChatMessage[]): string[] {
    if (this.entries.size === 0) return [];
    const wanted = new Map<string, string>();
    for (const id of this.entries.keys()) wanted.set(localMessageId(id), id);
    const confirmed: string[] = [];
    // Unconfirmed messages sit at the end; confirmed ones move to their echo's place. Walk back
    // from the end and stop as soon as every outbox entry is accounted for.
    for (let i = messages.length - 1; i >= 0 && wanted.size > 0; i--) {
      const message = messages[i];
      if (message === undefined) continue;
      const clientEventId = wanted.get(message.id);
      if (clientEventId === undefined) continue;
      wanted.delete(message.id);
      if (message.delivery === 'sent') {
        this.entries.delete(clientEventId);
        confirmed.push(clientEventId);
      }
    }
    if (confirmed.length > 0) this.version++;
    return confirmed;
  }

  /** A new connection: nothing is "on the wire" of it yet. */
  resetConnection(): void {
    for (const entry of this.entries.values()) entry.sentOnEpoch = null;
  }

  clear(): void {
    this.entries.clear();
    this.version++;
  }
}
