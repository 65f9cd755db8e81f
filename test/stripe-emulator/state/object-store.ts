import { resourceMissing } from '../http/errors';

export interface StripeObject {
  id: string;
  object: string;
  created: number;
}

/** One account's objects of one type, in insertion order (lists read it newest first). */
export class ObjectStore<T extends StripeObject> {
  private readonly items = new Map<string, T>();

  constructor(readonly kind: string) {}

  add(item: T): T {
    this.items.set(item.id, item);
    return item;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  require(id: string, param = 'id'): T {
    const item = this.items.get(id);
    if (!item) throw resourceMissing(this.kind, id, param);
    return item;
  }

  delete(id: string): boolean {
    return this.items.delete(id);
  }

  all(): T[] {
    return [...this.items.values()];
  }
}
