export type FaultKind = '429' | '500' | 'timeout';

export interface FaultSpec {
  kind: FaultKind;
  /** How many matching API requests get the fault (default 1). */
  count?: number;
  /** Only requests whose path contains this (e.g. `/v1/payment_intents`). */
  path?: string;
  method?: string;
  /**
   * `before` (default): the request never reaches the API. `after`: it runs and its result is stored under
   * its idempotency key, but the answer is lost — the "did my charge happen?" case.
   */
  phase?: 'before' | 'after';
  /** timeout: how long the connection hangs before being dropped (default 60 s, beyond clients' timeouts). */
  hangMs?: number;
  /** 429: the `Retry-After` header (default 1). */
  retryAfterSeconds?: number;
}

export interface Fault extends Required<Omit<FaultSpec, 'path' | 'method'>> {
  path?: string;
  method?: string;
}

/** Faults armed for the next N matching API requests, consumed in the order they were added. */
export class FaultInjector {
  private faults: Fault[] = [];

  add(spec: FaultSpec): void {
    const count = spec.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error('fault count must be a positive integer');
    if (!['429', '500', 'timeout'].includes(spec.kind))
      throw new Error(`unknown fault kind: ${String(spec.kind)}`);
    this.faults.push({
      kind: spec.kind,
      count,
      path: spec.path,
      method: spec.method?.toUpperCase(),
      phase: spec.phase ?? 'before',
      hangMs: spec.hangMs ?? 60_000,
      retryAfterSeconds: spec.retryAfterSeconds ?? 1,
    });
  }

  /** Consumes one use of the first fault matching this request and phase. */
  take(method: string, path: string, phase: Fault['phase']): Fault | undefined {
    const fault = this.faults.find(
      (f) => f.phase === phase && (!f.method || f.method === method) && (!f.path || path.includes(f.path)),
    );
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  pending(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
