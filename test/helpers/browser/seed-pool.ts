// Runs seeded scenarios a few at a time in one page, while mocha still reports one test per seed:
// asking for a seed's result starts it (and the next ones, up to the pool size) if not yet running.
export class SeedPool {
  private readonly results = new Map<number, Promise<void>>();
  private running = 0;
  private next = 0;

  constructor(
    private readonly seeds: readonly number[],
    private readonly run: (seed: number) => Promise<void>,
    private readonly size: number,
  ) {}

  /** Resolves when `seed` passed; rejects with its failure. */
  result(seed: number): Promise<void> {
    const index = this.seeds.indexOf(seed);
    if (index < 0) return Promise.reject(new Error(`seed ${seed} is not in the pool`));
    // Mocha asks in order; never start seeds out of order, but never leave this one waiting either.
    while (this.next <= index) this.launch(this.seeds[this.next++] as number);
    this.fill();
    return this.results.get(seed) as Promise<void>;
  }

  private fill(): void {
    while (this.running < this.size && this.next < this.seeds.length) this.launch(this.seeds[this.next++] as number);
  }

  private launch(seed: number): void {
    this.running++;
    const done = this.run(seed).finally(() => {
      this.running--;
      this.fill();
    });
    // Rejections are read by the seed's own test; keep them from counting as unhandled meanwhile.
    done.catch(() => undefined);
    this.results.set(seed, done);
  }
}
