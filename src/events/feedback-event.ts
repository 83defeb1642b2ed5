import type {PolyChatFeedbackValue} from '../model/feedback.js';

export type {PolyChatFeedbackValue};

/**
 * Fired when the user rates an agent's message (`messageId`) or, in the end panel, the whole
 * conversation (`messageId` null; `sessionId` names it). Recorded by the host: nothing is sent to
 * PolyAI (its protocol has no feedback event). Bubbles and is composed.
 */
export class PolyChatFeedbackEvent extends Event {
  static readonly eventName = 'poly-chat-feedback' as const;
  /** The rated message, or null for the end-of-chat rating. */
  readonly messageId: string | null;
  readonly value: PolyChatFeedbackValue;
  /** The conversation the rating belongs to. */
  readonly sessionId: string | null;

  constructor(messageId: string | null, value: PolyChatFeedbackValue, sessionId: string | null) {
    super(PolyChatFeedbackEvent.eventName, {bubbles: true, composed: true});
    this.messageId = messageId;
    this.value = value;
    this.sessionId = sessionId;
  }

  get detail(): {readonly messageId: string | null; readonly value: PolyChatFeedbackValue; readonly sessionId: string | null} {
    return {messageId: this.messageId, value: this.value, sessionId: this.sessionId};
  }
}

declare global {
  interface HTMLElementEventMap {
    'poly-chat-feedback': PolyChatFeedbackEvent;
  }
}
