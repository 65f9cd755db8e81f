import type { InvoiceEventPayload } from '@app/core';

/** The event payload of an invoice row returned by raw SQL (`RETURNING org_id, id, customer_id, number, …`). */
export const rowEventPayload = (row: Record<string, unknown>): InvoiceEventPayload => ({
  orgId: row.org_id as string,
  invoiceId: row.id as string,
  customerId: row.customer_id as string,
  number: row.number as string,
  currency: row.currency as string,
  total: Number(row.total),
  amountDue: Number(row.amount_due),
});
