// Today's date for the transcript's day separators ("Today", "Yesterday"): the one timer the
// timestamps need, set for the next local midnight, so a chat left open overnight relabels its days.
// Message times are clock times and never change, so nothing ticks every minute. Created with the
// session chunk; cleared when the element leaves the page.
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {startOfDay} from '../view/timestamps.js';

export class DayController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #today = startOfDay(Date.now());
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Local midnight of today (epoch ms). */
  get today(): number {
    return this.#today;
  }

  hostConnected(): void {
    this.#check();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #check(): void {
    clearTimeout(this.#timer);
    const now = Date.now();
    const today = startOfDay(now);
    if (today !== this.#today) {
      this.#today = today;
      this.#host.requestUpdate();
    }
    // A little past midnight, so the new day has surely begun; the next day is asked of the calendar
    // (a day with a daylight-saving change is not 24 hours).
    const tomorrow = new Date(today);
    tomorrow.setDate(tomorrow.getDate() + 1);
    this.#timer = setTimeout(() => this.#check(), tomorrow.getTime() - now + 1_000);
  }
}
