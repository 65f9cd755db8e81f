export interface GroupCommitOptions {
  /** Most items written by one call of `write`. */
  maxBatch: number;
  /** Most calls of `write` in flight at once. */
  maxConcurrent: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for a hot write path: callers submit one item each and get that item's result; the items
 * that arrive while writes are in flight go together in the next write. An idle writer writes an item at
 * once (no timer, no added latency); under load a batch grows to what arrived meanwhile, so statements,
 * commits and socket writes per item fall as the load rises. A failed batch is written again one item per
 * write, so only the item that fails gets the error.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  private inFlight = 0;

  constructor(
    /** Writes the items in one statement; returns one result per item, in order. */
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxConcurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.writeBatch(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async writeBatch(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else await Promise.all(batch.map((w) => this.writeBatch([w])));
    }
  }
}
