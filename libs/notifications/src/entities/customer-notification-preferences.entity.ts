import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { NotificationKind } from '../notification-kinds';

/** A customer's opt-outs and extra recipients; a customer without a row gets every email the org sends. */
@Entity('customer_notification_preferences')
@Check('customer_notification_preferences_cc_check', 'cardinality(cc) <= 10')
export class CustomerNotificationPreferences {
  @PrimaryColumn('uuid')
  orgId: string;

  /** The customers domain's customer (no foreign key across domains). */
  @PrimaryColumn('uuid')
  customerId: string;

  @Column('text', { array: true, default: '{}' })
  optedOut: NotificationKind[];

  /** Copied on every email to the customer, besides its billing emails. */
  @Column('text', { array: true, default: '{}' })
  cc: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
