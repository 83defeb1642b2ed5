// The effect loop, in xstate's manner: facts go into the pure machine one at a time, and each effect
// it returns is handed to the executor for its type. Effects may report more facts; those queue
// behind the current one (no re-entry). Machine timers are run here too: they are the machine's.
import type {Effect} from '../machine/effect.js';
import type {MachineEvent} from '../machine/event.js';
import {initialState} from '../machine/state.js';
import type {State} from '../machine/state.js';
import type {TimerName} from '../machine/timer-name.js';
import {transition} from '../machine/transition.js';
import type {FactInput} from './connector.js';
import {LazyTimers} from './lazy-timers.js';
import type {RuntimeEnv} from './runtime-env.js';

/** One executor per effect type, apart from the timer effects the loop runs itself. */
export type Executors = {
  readonly [T in Exclude<Effect['type'], 'timer.start' | 'timer.cancel'>]: (effect: Extract<Effect, {type: T}>) => void;
};

export interface LoopHooks {
  /** The machine's state changed (after its effects ran). */
  changed(previous: State): void;
  /** The queue is empty again. */
  drained(): void;
}

export class EffectLoop {
  #machine: State = initialState();
  #dispatching = false;
  #stopped = false;
  readonly #queue: MachineEvent[] = [];
  readonly #timers: LazyTimers<TimerName>;

  constructor(
    private readonly env: RuntimeEnv,
    private readonly executors: Executors,
    private readonly hooks: LoopHooks,
  ) {
    this.#timers = new LazyTimers(env);
  }

  get machine(): State {
    return this.#machine;
  }

  /** A fact is being processed: what it leads to is published once the queue drains. */
  get dispatching(): boolean {
    return this.#dispatching;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Feeds one fact to the machine, stamped with the time and a jitter draw. */
  dispatch(event: FactInput): void {
    if (this.#stopped) return;
    this.#queue.push({...event, at: this.env.now(), jitter: this.env.random()} as MachineEvent);
    if (this.#dispatching) return;
    this.#dispatching = true;
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
        const previous = this.#machine;
        const result = transition(previous, next);
        this.#machine = result.state;
        for (const effect of result.effects) this.#run(effect);
        if (previous !== this.#machine) this.hooks.changed(previous);
      }
    } finally {
      this.#dispatching = false;
    }
    this.hooks.drained();
  }

  /** No more facts, no more timers. */
  stop(): void {
    this.#stopped = true;
    this.#timers.clear();
  }

  #run(effect: Effect): void {
    if (effect.type === 'timer.start') {
      this.#timers.start(effect.timer, effect.delayMs, () => this.dispatch({type: 'timer.fired', epoch: effect.epoch, timer: effect.timer}));
    } else if (effect.type === 'timer.cancel') {
      this.#timers.cancel(effect.timer);
    } else {
      (this.executors[effect.type] as (effect: Effect) => void)(effect);
    }
  }
}
