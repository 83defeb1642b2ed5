import type {PolyChatMessage} from '../protocol/message.js';

/**
 * Fired when a message is added to the transcript, or when a streamed one completes.
 * Bubbles and is composed.
 */
export class PolyChatMessageEvent extends Event {
  static readonly eventName = 'poly-chat-message' as const;
  readonly message: PolyChatMessage;

  constructor(message: PolyChatMessage) {
    super(PolyChatMessageEvent.eventName, {bubbles: true, composed: true});
    this.message = message;
  }

  get detail(): {readonly message: PolyChatMessage} {
    return {message: this.message};
  }
}

declare global {
  interface HTMLElementEventMap {
    'poly-chat-message': PolyChatMessageEvent;
  }
}
