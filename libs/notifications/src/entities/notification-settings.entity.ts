import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Which emails an organisation sends on its own; an organisation without a row has the defaults (all on). */
@Entity('notification_settings')
@Check('notification_settings_renewal_days_check', 'renewal_reminder_days_before BETWEEN 1 AND 60')
@Check('notification_settings_due_date_days_check', 'due_date_reminder_days_before BETWEEN 1 AND 30')
export class NotificationSettings {
  @PrimaryColumn('uuid')
  orgId: string;

  @Column('boolean')
  invoiceFinalized: boolean;

  @Column('boolean')
  creditNote: boolean;

  @Column('boolean')
  paymentReceipt: boolean;

  @Column('boolean')
  paymentFailed: boolean;

  @Column('boolean')
  renewalReminder: boolean;

  @Column('smallint')
  renewalReminderDaysBefore: number;

  @Column('boolean')
  dueDateReminder: boolean;

  @Column('smallint')
  dueDateReminderDaysBefore: number;

  @Column('boolean')
  overdueReminder: boolean;

  @Column('boolean')
  usageAlert: boolean;

  /** Where customers' replies go; null: the platform's sender address. */
  @Column('text', { nullable: true })
  replyTo: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
