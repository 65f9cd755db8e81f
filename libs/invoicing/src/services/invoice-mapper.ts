import { CustomerResponse } from '@app/customers';
import { InvoiceDetailResponse, InvoiceLineResponse, InvoiceResponse } from '../dto/invoice.response';
import { CustomerSnapshot, Invoice } from '../entities/invoice.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';

export function toInvoiceResponse(i: Invoice): InvoiceResponse {
  return {
    id: i.id,
    customerId: i.customerId,
    subscriptionId: i.subscriptionId,
    billingBoundary: i.billingBoundary,
    periodStart: i.periodStart,
    periodEnd: i.periodEnd,
    currency: i.currency,
    status: i.status,
    paymentState: i.paymentState,
    overdue: i.overdue,
    overdueAt: i.overdueAt,
    number: i.number,
    issuedAt: i.issuedAt,
    dueAt: i.dueAt,
    paymentTermsDays: i.paymentTermsDays,
    subtotal: i.subtotal,
    discountTotal: i.discountTotal,
    taxTotal: i.taxTotal,
    total: i.total,
    creditsApplied: i.creditsApplied,
    amountDue: i.amountDue,
    amountPaid: i.amountPaid,
    amountRemaining: i.amountRemaining,
    creditedTotal: i.creditedTotal,
    taxBreakdown: i.taxBreakdown,
    discountBreakdown: i.discountBreakdown,
    taxTreatment: i.taxTreatment,
    legalNote: i.legalNote,
    memo: i.memo,
    customerSnapshot: i.customerSnapshot,
    finalizedAt: i.finalizedAt,
    voidedAt: i.voidedAt,
    markedUncollectibleAt: i.markedUncollectibleAt,
    sentAt: i.sentAt,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

export function toInvoiceLineResponse(l: InvoiceLine): InvoiceLineResponse {
  return {
    id: l.id,
    position: l.position,
    kind: l.kind,
    description: l.description,
    quantity: l.quantity,
    unitAmount: l.unitAmount,
    amount: l.amount,
    discountAmount: l.discountAmount,
    taxAmount: l.taxAmount,
    total: l.total,
    taxes: l.taxes,
    discounts: l.discounts,
    taxRateIds: l.taxRateIds,
    chargeId: l.chargeId,
    metricCode: l.metricCode,
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
    metadata: l.metadata as Record<string, unknown>,
    discountable: l.discountable,
  };
}

export const toInvoiceDetail = (i: Invoice, lines: InvoiceLine[]): InvoiceDetailResponse => ({
  ...toInvoiceResponse(i),
  lines: lines.map(toInvoiceLineResponse),
});

export const customerSnapshot = (c: CustomerResponse): CustomerSnapshot => ({
  name: c.name,
  legalName: c.legalName,
  billingEmails: c.billingEmails,
  billingAddress: c.billingAddress,
  shippingAddress: c.shippingAddress,
  taxIds: c.taxIds,
  locale: c.locale,
  timezone: c.timezone,
});
