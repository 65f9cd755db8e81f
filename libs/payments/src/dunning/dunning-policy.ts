const DAY_MS = 86_400_000;

/**
 * Stripe decline and error codes after which retrying the same card cannot succeed (the card is reported
 * lost or stolen, closed, blocked, or the customer withdrew the mandate): dunning charges nothing more until
 * the customer adds a payment method. See https://docs.stripe.com/declines/codes.
 */
export const HARD_DECLINE_CODES: ReadonlySet<string> = new Set([
  'stolen_card',
  'lost_card',
  'fraudulent',
  'pickup_card',
  'restricted_card',
  'revocation_of_authorization',
  'revocation_of_all_authorizations',
  'security_violation',
  'stop_payment_order',
  'merchant_blacklist',
  'do_not_try_again',
  'invalid_account',
  'new_account_information_available',
  'expired_card',
  'incorrect_number',
]);

export const isHardDecline = (failureCode: string | null, declineCode: string | null): boolean =>
  [failureCode, declineCode].some((code) => code !== null && HARD_DECLINE_CODES.has(code));

/** The step that marks subscriptions past_due at the end of the grace period. */
export const GRACE_STEP = 0;

/** Steps 1…n are the schedule's retries; step n + 1 takes the final action. */
export const finalStep = (scheduleDays: readonly number[]): number => scheduleDays.length + 1;

const addDays = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);

/** When step 1…n of a dunning that started at `firstFailedAt` runs. */
export function stepAt(firstFailedAt: Date, scheduleDays: readonly number[], step: number): Date {
  if (!Number.isInteger(step) || step < 1 || step > scheduleDays.length)
    throw new RangeError(`dunning step ${step} is not in a schedule of ${scheduleDays.length}`);
  return addDays(firstFailedAt, scheduleDays[step - 1]);
}

export const gracePeriodEnd = (firstFailedAt: Date, gracePeriodDays: number): Date =>
  addDays(firstFailedAt, gracePeriodDays);

/** Milliseconds from `now` until `at`, never negative (a step already due runs at once). */
export const delayUntil = (at: Date, now: Date): number => Math.max(0, at.getTime() - now.getTime());

/** BullMQ job id of one step of one invoice's dunning (no ':' allowed). */
export const stepJobId = (invoiceId: string, step: number): string => `dunning-${invoiceId}-${step}`;

export interface PlannedStep {
  step: number;
  at: Date;
  done: boolean;
}

/** The schedule's steps with their dates, and which of them already ran. */
export const plannedSteps = (
  firstFailedAt: Date,
  scheduleDays: readonly number[],
  retriesDone: number,
): PlannedStep[] =>
  scheduleDays.map((_, i) => ({
    step: i + 1,
    at: stepAt(firstFailedAt, scheduleDays, i + 1),
    done: i + 1 <= retriesDone,
  }));
