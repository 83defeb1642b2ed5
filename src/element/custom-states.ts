// Custom states (`poly-chat:state(live)`) through ElementInternals, feature-detected: browsers
// without CustomStateSet simply get none, and Chromium before 125 only took the `--name` form.

export class CustomStates {
  readonly #set: CustomStateSet | null;
  #legacy = false;

  constructor(internals: ElementInternals | null) {
    const states = internals && 'states' in internals ? internals.states : null;
    this.#set = states && typeof states.add === 'function' ? states : null;
  }

  /** Whether custom states are available at all. */
  get supported(): boolean {
    return this.#set !== null;
  }

  has(name: string): boolean {
    return this.#set?.has(this.#legacy ? `--${name}` : name) ?? false;
  }

  toggle(name: string, on: boolean): void {
    const set = this.#set;
    if (!set) return;
    if (!on) {
      set.delete(this.#legacy ? `--${name}` : name);
      return;
    }
    try {
      set.add(this.#legacy ? `--${name}` : name);
    } catch {
      // Old syntax only: switch to `--name` for good.
      this.#legacy = true;
      set.add(`--${name}`);
    }
  }
}
