import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const DUNNING_FINAL_ACTIONS = [
  'mark_uncollectible',
  'pause_subscription',
  'cancel_subscription',
  'leave_open',
] as const;
export type DunningFinalAction = (typeof DUNNING_FINAL_ACTIONS)[number];

export const DISPUTE_LOST_ACTIONS = ['reopen_invoice', 'write_off'] as const;
export type DisputeLostAction = (typeof DISPUTE_LOST_ACTIONS)[number];

/** Per-organisation payment policy (docs/payments.md#settings); an org without a row has the defaults. */
@Entity('payment_settings')
export class PaymentSettings {
  @PrimaryColumn('uuid')
  orgId: string;

  /** Days after the first failed charge on which it is retried, ascending. */
  @Column('int', { array: true })
  retryScheduleDays: number[];

  /** What happens when the last retry fails. */
  @Column('text')
  finalAction: DunningFinalAction;

  /** Days after the first failure before the invoice's subscriptions become `past_due`. */
  @Column('int')
  gracePeriodDays: number;

  /** Email the customer at each dunning step. */
  @Column('boolean')
  reminderEmails: boolean;

  /** A lost dispute reopens the invoice it paid (the customer owes it again) or writes it off. */
  @Column('text')
  disputeLostAction: DisputeLostAction;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
