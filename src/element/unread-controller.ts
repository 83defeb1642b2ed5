// The launcher's unread count: messages from others (MessageTracker's `arrived`) that came in while
// the launcher panel was closed. The launcher's badge shows it, the `unread` custom state says it,
// and opening the panel clears it.
import type {ReactiveController, ReactiveControllerHost} from 'lit';

/** Where the `unread` state goes (the element's CustomStates). */
export interface StateToggle {
  toggle(name: string, on: boolean): void;
}

export interface LauncherHost extends ReactiveControllerHost {
  readonly mode: string;
  readonly open: boolean;
}

export class UnreadController implements ReactiveController {
  readonly #host: LauncherHost;
  readonly #states: StateToggle;
  #count = 0;

  constructor(host: LauncherHost, states: StateToggle) {
    this.#host = host;
    this.#states = states;
    host.addController(this);
  }

  /** Messages not seen yet (for the launcher's badge). */
  get count(): number {
    return this.#count;
  }

  /** The count kept from the previous page (launcher-memory-controller.ts). */
  restore(count: number): void {
    this.#count = count;
  }

  /** Nothing is unread any more (the conversation is another one). */
  clear(): void {
    this.#count = 0;
  }

  /** New messages from others arrived: unread while the launcher panel is closed. */
  arrived(count: number): void {
    if (count > 0 && this.#host.mode === 'launcher' && !this.#host.open) this.#count += count;
  }

  hostUpdate(): void {
    // The open panel shows them. (Before render, so the badge and the state agree in this update.)
    if (this.#host.mode === 'launcher' && this.#host.open) this.#count = 0;
  }

  hostUpdated(): void {
    this.#states.toggle('unread', this.#count > 0);
  }
}
