// `notify`: getting the visitor's attention while the chat is out of view (part of
// attention-chunk.ts, loaded only when `notify` or `teaser` asks for it). "title" puts the unread
// count in front of the page's title while the tab is hidden (title-badge.ts); "sound" plays a short
// tone for a new agent message while the chat is out of sight (chime.ts).
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {Chime} from './chime.js';
import {TitleBadge} from './title-badge.js';

export interface NotifyHost extends ReactiveControllerHost {
  /** The `notify` attribute: space-separated `title`, `sound` (unknown words are ignored). */
  readonly notify?: string | undefined;
  readonly mode: string;
  readonly open: boolean;
  readonly ownerDocument: Document;
}

/** The launcher's unread count (its badge: UnreadController). */
export interface UnreadCount {
  readonly count: number;
}

/** `notify="title sound"` → the set of modes asked for. */
export function notifyModes(notify: string | undefined): ReadonlySet<string> {
  return new Set((notify ?? '').toLowerCase().split(/\s+/));
}

/**
 * The count for the title while the tab is hidden: a closed launcher's unread count (its badge), or
 * for a chat in view, what came into it while the tab was hidden.
 */
export function titleCount(hidden: boolean, shown: boolean, unread: number, arrivedWhileHidden: number): number {
  if (!hidden) return 0;
  return shown ? arrivedWhileHidden : unread;
}

export class Notifier implements ReactiveController {
  readonly #host: NotifyHost;
  readonly #unread: UnreadCount;
  readonly #document: Document;
  readonly #title: TitleBadge;
  readonly #chime: Chime;
  #arrivedWhileHidden = 0;
  /** A removed element may still update (its runtime winding down): it then leaves the page alone. */
  #connected = false;

  constructor(host: NotifyHost, unread: UnreadCount) {
    this.#host = host;
    this.#unread = unread;
    this.#document = host.ownerDocument;
    this.#title = new TitleBadge(this.#document);
    this.#chime = new Chime(this.#document);
    host.addController(this);
  }

  /** `count` new messages from the agent or a person arrived (MessageTracker's `arrived`). */
  arrived(count: number): void {
    if (count === 0 || !this.#connected) return;
    const hidden = this.#hidden();
    // A closed launcher's badge counts the others.
    if (hidden && this.#shown()) this.#arrivedWhileHidden += count;
    if (notifyModes(this.#host.notify).has('sound') && (hidden || !this.#shown())) this.#chime.ring();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#document.addEventListener('visibilitychange', this.#sync);
    this.#sync();
  }

  hostUpdated(): void {
    if (this.#connected) this.#sync();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#document.removeEventListener('visibilitychange', this.#sync);
    this.#title.show(0);
    this.#chime.stop();
  }

  readonly #sync = (): void => {
    const modes = notifyModes(this.#host.notify);
    const hidden = this.#hidden();
    if (!hidden) this.#arrivedWhileHidden = 0;
    this.#title.show(modes.has('title') ? titleCount(hidden, this.#shown(), this.#unread.count, this.#arrivedWhileHidden) : 0);
    if (modes.has('sound')) this.#chime.arm();
    else this.#chime.stop();
  };

  /** The chat panel is on the page: inline, or an open launcher. */
  #shown(): boolean {
    return this.#host.mode !== 'launcher' || this.#host.open;
  }

  #hidden(): boolean {
    return this.#document.visibilityState === 'hidden';
  }
}
