import { Logger } from '@nestjs/common';

/**
 * A Stripe request in flight and unchanged for this long is stuck (its answer or its webhook was lost): every
 * live caller has long given up on it by then, so the recovery sweeps may ask Stripe again.
 */
export const STUCK_AFTER_MS = 10 * 60_000;
/**
 * Stripe keeps an idempotency key's answer at least this long; past it, a re-sent create could act a second
 * time, so recovery looks the object up instead.
 */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;

/**
 * Runs `recover` on each stuck item in turn (at most one sweep's worth); one that fails (Stripe unreachable)
 * is logged and left for the next sweep. Returns how many were looked at.
 */
export async function recoverEach<T extends { id: string }>(
  items: T[],
  recover: (item: T) => Promise<void>,
  logger: Logger,
  label: string,
): Promise<number> {
  for (const item of items) {
    try {
      await recover(item);
    } catch (error) {
      logger.warn(`${label} ${item.id} not recovered yet: ${(error as Error).message}`);
    }
  }
  return items.length;
}
