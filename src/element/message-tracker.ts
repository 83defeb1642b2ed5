// Decides which messages are news: for the polite live region (announce each new message once, when
// complete — not per chunk, not history) and for the launcher's unread count. History is what the
// first observation already holds, or what arrives in one big batch (a replay after connecting).
import type {PolyChatMessage} from '../protocol/message.js';

/** This many or more new messages in one snapshot are a history replay, not news. */
export const HISTORY_BATCH_SIZE = 3;

export interface TrackedChanges {
  /** Messages to announce now (complete, not the user's own). */
  readonly completed: readonly PolyChatMessage[];
  /** New messages from someone other than the user (for the unread count). */
  readonly arrived: readonly PolyChatMessage[];
}

const NONE: TrackedChanges = {completed: [], arrived: []};

export class MessageTracker {
  readonly #known = new Set<string>();
  readonly #pending = new Set<string>();
  #baseline = true;
  #last: readonly PolyChatMessage[] | null = null;

  /** Forget everything: the next observation is a baseline again. */
  reset(): void {
    this.#known.clear();
    this.#pending.clear();
    this.#baseline = true;
    this.#last = null;
  }

  /** `replay`: these messages are (part of) a history replay, whatever their number. */
  observe(messages: readonly PolyChatMessage[], replay = false): TrackedChanges {
    if (messages === this.#last) return NONE;
    this.#last = messages;
    const added = messages.filter((message) => !this.#known.has(message.id));
    for (const message of added) this.#known.add(message.id);
    if (this.#baseline || replay || added.length >= HISTORY_BATCH_SIZE) {
      this.#baseline = false;
      return NONE;
    }
    const completed: PolyChatMessage[] = [];
    const arrived: PolyChatMessage[] = [];
    const present = new Set<string>();
    for (const message of messages) {
      present.add(message.id);
      if (this.#pending.has(message.id) && message.complete) {
        this.#pending.delete(message.id);
        completed.push(message);
      }
    }
    for (const id of this.#pending) if (!present.has(id)) this.#pending.delete(id);
    for (const message of added) {
      if (message.role === 'user') continue;
      if (message.role !== 'system') arrived.push(message);
      if (message.complete) completed.push(message);
      else this.#pending.add(message.id);
    }
    return completed.length === 0 && arrived.length === 0 ? NONE : {completed, arrived};
  }
}
