/**
 * Fired when the launcher panel opens or closes, whoever changed it: the visitor (launcher button,
 * minimise, Escape, the teaser), the host (`open` property or attribute), or the state restored from
 * the previous page. Once per rendered change. Bubbles and is composed.
 */
export class PolyChatOpenChangeEvent extends Event {
  static readonly eventName = 'poly-chat-open-change' as const;
  readonly open: boolean;

  constructor(open: boolean) {
    super(PolyChatOpenChangeEvent.eventName, {bubbles: true, composed: true});
    this.open = open;
  }

  get detail(): {readonly open: boolean} {
    return {open: this.open};
  }
}

declare global {
  interface HTMLElementEventMap {
    'poly-chat-open-change': PolyChatOpenChangeEvent;
  }
}
