import type {PolyChatStatus} from '../model/snapshot.js';

/**
 * Fired on every status change of the session.
 * Bubbles and is composed. `detail` mirrors the fields for frameworks that read `event.detail`.
 */
export class PolyChatStatusChangeEvent extends Event {
  static readonly eventName = 'poly-chat-status-change' as const;
  readonly status: PolyChatStatus;
  readonly previous: PolyChatStatus;

  constructor(status: PolyChatStatus, previous: PolyChatStatus) {
    super(PolyChatStatusChangeEvent.eventName, {bubbles: true, composed: true});
    this.status = status;
    this.previous = previous;
  }

  get detail(): {readonly status: PolyChatStatus; readonly previous: PolyChatStatus} {
    return {status: this.status, previous: this.previous};
  }
}

declare global {
  interface HTMLElementEventMap {
    'poly-chat-status-change': PolyChatStatusChangeEvent;
  }
}
