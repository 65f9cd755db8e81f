/** Every kind of email the notifications domain sends; each can be turned off per org and per customer. */
export const NOTIFICATION_KINDS = [
  'invoice_finalized',
  'credit_note',
  'payment_receipt',
  'payment_failed',
  'renewal_reminder',
  'due_date_reminder',
  'overdue_reminder',
  'usage_alert',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
