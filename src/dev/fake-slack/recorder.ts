interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
}

/**
 * An append-only list that can be awaited: `waitFor` resolves as soon as a matching item is recorded
 * (or immediately when one already was), so tests wait on events instead of sleeping and polling.
 */
export class Recorder<T> {
  readonly items: T[] = [];
  private waiters = new Set<Waiter<T>>();

  constructor(private readonly describe: (items: readonly T[]) => string) {}

  record(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(item)) {
        this.waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  waitFor(predicate: (item: T) => boolean, timeoutMs = 5_000): Promise<T> {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      // A real timer is fine here: it only bounds a test that is already failing.
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(`fake-slack: nothing matched within ${timeoutMs} ms; seen: ${this.describe(this.items)}`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
