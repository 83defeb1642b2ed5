import type {ChatErrorCode} from '../model/error-code.js';

/**
 * Fired on credentials, connection, protocol or send failures. `code` is stable and
 * machine-readable; `message` is an English explanation and never contains a token.
 * Bubbles and is composed.
 */
export class PolyChatErrorEvent extends Event {
  static readonly eventName = 'poly-chat-error' as const;
  readonly code: ChatErrorCode;
  readonly message: string;

  constructor(code: ChatErrorCode, message: string) {
    super(PolyChatErrorEvent.eventName, {bubbles: true, composed: true});
    this.code = code;
    this.message = message;
  }

  get detail(): {readonly code: ChatErrorCode; readonly message: string} {
    return {code: this.code, message: this.message};
  }
}

declare global {
  interface HTMLElementEventMap {
    'poly-chat-error': PolyChatErrorEvent;
  }
}
