// Carries out delivery.ts's decisions: writes messages to the socket, runs their echo timers, and
// keeps unconfirmed messages in the unsent store across reloads (never the token). The decisions
// themselves are the pure transition's.
import {localMessageId} from '../protocol/local-id.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {EMPTY_OUTBOX, deliver, findOutgoing} from './delivery.js';
import type {DeliveryEvent, Outbox} from './delivery.js';
import {LazyTimers} from './lazy-timers.js';
import type {RuntimeEnv} from './runtime-env.js';
import type {CustomMetadata} from '../protocol/wire.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface CourierHost {
  /** Writes a USER_MESSAGE on the current socket. */
  write(clientEventId: string, text: string, metadata: CustomMetadata | undefined): void;
  /** Frames the current socket has received (any frame is proof of life). */
  frames(): number;
  /** Nothing came back since a send: the machine probes the socket. */
  probe(connection: number): void;
  /** Delivery gave up on a message: show it failed (with Retry). */
  failed(clientEventId: string): void;
  /** A message kept by an earlier page: show it (failed or not; `wentOut`: that page wrote it to a socket). */
  restored(clientEventId: string, text: string, failed: boolean, wentOut: boolean): void;
  /** An echo timer did its work: publish what changed. */
  settled(): void;
}

export class Courier {
  #outbox: Outbox = EMPTY_OUTBOX;
  readonly #timers: LazyTimers<string>;
  /** What the unsent store holds for us. */
  #kept: {readonly sessionId: string | null; readonly entries: Outbox['entries'] | null} = {sessionId: null, entries: null};
  /** Conversations whose kept messages were taken back (once per runtime). */
  readonly #restored = new Set<string>();

  constructor(
    private readonly env: RuntimeEnv,
    private readonly host: CourierHost,
  ) {
    this.#timers = new LazyTimers(env);
  }

  get outbox(): Outbox {
    return this.#outbox;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  has(clientEventId: string): boolean {
    return findOutgoing(this.#outbox, clientEventId) !== undefined;
  }

  /** Feeds one fact to delivery and carries out what it decides. */
  tell(event: DistributiveOmit<DeliveryEvent, 'at' | 'frames'>): void {
    const result = deliver(this.#outbox, {...event, at: this.env.now(), frames: this.host.frames()} as DeliveryEvent);
    this.#outbox = result.outbox;
    for (const effect of result.effects) {
      switch (effect.type) {
        case 'send':
          this.host.write(effect.clientEventId, effect.text, effect.metadata);
          break;
        case 'wait':
          this.#timers.start(effect.clientEventId, effect.delayMs, () => {
            this.tell({type: 'due', clientEventId: effect.clientEventId});
            this.host.settled();
          });
          break;
        case 'stop-waiting':
          this.#timers.cancel(effect.clientEventId);
          break;
        case 'failed':
          this.host.failed(effect.clientEventId);
          break;
        case 'probe':
          this.host.probe(effect.connection);
          break;
      }
    }
  }

  /** Tells delivery which of its messages the transcript shows echoed (delivery 'sent'). */
  confirmEchoed(messages: readonly PolyChatMessage[]): void {
    const entries = this.#outbox.entries;
    if (entries.length === 0) return;
    const wanted = new Map(entries.map((entry) => [localMessageId(entry.clientEventId), entry.clientEventId]));
    const confirmed: string[] = [];
    // Unconfirmed messages sit at the end; confirmed ones move to their echo's place: walk back.
    for (let i = messages.length - 1; i >= 0 && wanted.size > 0; i--) {
      const message = messages[i] as PolyChatMessage;
      const clientEventId = wanted.get(message.id);
      if (clientEventId === undefined) continue;
      wanted.delete(message.id);
      if (message.delivery === 'sent') confirmed.push(clientEventId);
    }
    if (confirmed.length > 0) this.tell({type: 'confirmed', clientEventIds: confirmed});
  }

  /** Mirrors the outbox into the unsent store when it, or the conversation, changed. */
  keep(sessionId: string | null, owner: object): void {
    const store = this.env.unsentStore;
    if (!store || sessionId === null) return;
    const entries = this.#outbox.entries;
    if (entries === this.#kept.entries && sessionId === this.#kept.sessionId) return;
    // Unconfirmed messages of a conversation that could not go on belong to the new one now.
    if (this.#kept.sessionId !== null && this.#kept.sessionId !== sessionId) store.keep(this.#kept.sessionId, owner, []);
    // The store writes only the fields of an UnsentMessage (never the delivery bookkeeping).
    store.keep(sessionId, owner, entries);
    this.#kept = {sessionId, entries};
  }

  /** An earlier page (or element) left unconfirmed messages of this conversation: ours to send now. */
  restore(sessionId: string, owner: object): void {
    const store = this.env.unsentStore;
    if (!store || this.#restored.has(sessionId)) return;
    this.#restored.add(sessionId);
    for (const message of store.take(sessionId, owner)) {
      if (this.has(message.clientEventId)) continue;
      this.host.restored(message.clientEventId, message.text, message.failed, message.wentOut);
      // Like any queued message, sent once the replay showed it did not arrive.
      this.tell({type: 'restored', ...message});
    }
  }

  dispose(): void {
    this.#timers.clear();
  }
}
