import { Account } from '../state/account';
import { StripeObject } from '../state/object-store';

export interface EmulatorSettings {
  /** Processing fee on each charge: `amount × feePercentBps / 10 000` (rounded) + `feeFixed` minor units. */
  feePercentBps: number;
  feeFixed: number;
  /** Stripe's dispute fee, withdrawn with the disputed amount and returned when the dispute is won. */
  disputeFee: number;
  /** How long after a `pm_card_createDispute` charge its dispute opens. */
  disputeDelayMs: number;
  /** Days from a charge until its funds are available (balance transaction `available_on`). */
  availableAfterDays: number;
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  feePercentBps: 290,
  feeFixed: 30,
  disputeFee: 1500,
  disputeDelayMs: 50,
  availableAfterDays: 2,
};

export interface RequestInfo {
  id: string;
  idempotency_key: string | null;
}

/** What a resource operation may use: its account, emulator time and settings, events and deferred work. */
export interface ResourceContext {
  readonly account: Account;
  readonly settings: EmulatorSettings;
  readonly request: RequestInfo | null;
  now(): number;
  emit(type: string, object: StripeObject, previousAttributes?: Record<string, unknown>): void;
  /** Runs `task` after `delayMs`, outside any request, as Stripe's asynchronous side effects do. */
  later(delayMs: number, task: (ctx: ResourceContext) => void): void;
}
