/**
 * Fired once when the session ended. `reason` is the server's `REASON_*` (or `'expired'` /
 * `'failed'`). Bubbles and is composed.
 */
export class PolyChatEndEvent extends Event {
  static readonly eventName = 'poly-chat-end' as const;
  readonly reason: string;

  constructor(reason: string) {
    super(PolyChatEndEvent.eventName, {bubbles: true, composed: true});
    this.reason = reason;
  }

  get detail(): {readonly reason: string} {
    return {reason: this.reason};
  }
}

declare global {
  interface HTMLElementEventMap {
    'poly-chat-end': PolyChatEndEvent;
  }
}
