// Keeps the transcript with the pure reducer and says when its messages changed (so delivery learns
// of echoes and the announcer of news); expires the typing indicator on time.
import type {NewSessionReason} from '../machine/effect.js';
import type {PolyChatMessage} from '../protocol/message.js';
import {createTranscript, reduceTranscript} from '../protocol/transcript.js';
import type {TranscriptAction, TranscriptState} from '../protocol/transcript-types.js';
import {LazyTimers} from './lazy-timers.js';
import type {RuntimeEnv} from './runtime-env.js';

export interface KeeperHost {
  /** The messages changed (`batch`: by a history batch). */
  messagesChanged(before: readonly PolyChatMessage[], batch: boolean): void;
  /** Something shown changed outside a frame (the typing indicator expired). */
  publish(): void;
}

export class TranscriptKeeper {
  #state: TranscriptState = createTranscript();
  readonly #timers: LazyTimers<'typing-expiry'>;

  constructor(
    private readonly env: Pick<RuntimeEnv, 'now' | 'setTimeout' | 'clearTimeout'>,
    private readonly host: KeeperHost,
  ) {
    this.#timers = new LazyTimers(env);
  }

  get state(): TranscriptState {
    return this.#state;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Applies an action; a server action's caller reports the change itself (once per frame). */
  apply(action: TranscriptAction): void {
    const before = this.#state.messages;
    this.#state = reduceTranscript(this.#state, action);
    if (action.type !== 'server') this.changed(before, false);
  }

  /**
   * Replaces the whole transcript: the one an earlier page kept (a batch of history, not news), or
   * an empty one when that turned out to be another conversation's.
   */
  replace(state: TranscriptState): void {
    const before = this.#state.messages;
    this.#state = state;
    this.changed(before, true);
  }

  /** After messages may have changed since `before`: tell the host, and time the typing indicator. */
  changed(before: readonly PolyChatMessage[], batch: boolean): void {
    if (this.#state.messages === before) return;
    this.host.messagesChanged(before, batch);
    const typing = this.#state.typing;
    if (!typing) return;
    this.#timers.start('typing-expiry', Math.max(1, typing.expiresAt - this.env.now()), () => {
      this.apply({type: 'tick', now: this.env.now()});
      this.host.publish();
    });
  }

  /** A new conversation begins: the old one stays above a notice saying why. */
  beginNewConversation(reason: NewSessionReason): void {
    const key = reason === 'restart' ? 'new-conversation' : `new-conversation-${reason}`;
    const text =
      reason === 'restart' ? 'A new conversation started.' : 'The previous conversation could not be continued, so a new one started.';
    this.apply({type: 'notice', key, text, level: 'info', now: this.env.now()});
  }

  dispose(): void {
    this.#timers.clear();
  }
}
