import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs work in one database transaction and lets everything called inside it (repositories, the outbox's
 * `enqueue`) join that transaction without passing an EntityManager through every signature.
 */
@Injectable()
export class TransactionContext {
  private readonly storage = new AsyncLocalStorage<{ manager: EntityManager; memo: Map<string, unknown> }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction, or inside the caller's transaction when there already is one. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.storage.getStore();
    if (current) return work(current.manager);
    return this.dataSource.transaction((manager) =>
      this.storage.run({ manager, memo: new Map() }, () => work(manager)),
    );
  }

  /**
   * A read done once per transaction: later calls with the same key in the same transaction get the first
   * result (settings read by several steps of one finalization). Outside a transaction it just loads. A
   * writer of what is memoised calls `forget` with the key.
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const store = this.storage.getStore();
    if (!store) return load();
    let value = store.memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = load();
      store.memo.set(key, value);
      value.catch(() => store.memo.delete(key));
    }
    return value;
  }

  forget(key: string): void {
    this.storage.getStore()?.memo.delete(key);
  }

  /** The transaction's manager when inside `run`, otherwise the data source's own (autocommit). */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }
}
