import { allocateProportionally } from '../calculation/allocation';

const DAY_MS = 86_400_000;

export interface PlannedInstallment {
  dueAt: Date;
  amount: number;
}

/**
 * `count` parts of `total` minor units, `intervalDays` apart from `firstDueAt`. Equal parts by the
 * largest-remainder method: the minor units that do not divide evenly go one each to the first parts, so the
 * parts sum to `total` exactly in any currency (JPY yen, KWD fils alike).
 */
export function splitEvenly(
  total: number,
  count: number,
  firstDueAt: Date,
  intervalDays: number,
): PlannedInstallment[] {
  return allocateProportionally(total, Array<number>(count).fill(1)).map((amount, index) => ({
    dueAt: new Date(firstDueAt.getTime() + index * intervalDays * DAY_MS),
    amount,
  }));
}

/** The plan's amounts scaled to `total` (largest remainder), dates kept: a draft's plan at finalization. */
export function refit(amounts: readonly number[], total: number): number[] {
  return allocateProportionally(total, amounts);
}
