/** Runs tasks one at a time per key, in the order they were submitted. Tasks with different keys run concurrently. */
export class KeyedLock<K> {
  private readonly tails = new Map<K, Promise<unknown>>();

  /** Runs `task` after every earlier task with the same key has settled, and returns its result. */
  async run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);

    try {
      return await current;
    } finally {
      // Drop the entry once no later task has queued behind this one, so the map does not grow with every key ever used.
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    }
  }
}
