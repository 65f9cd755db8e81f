import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { INVOICE_STATUSES, InvoiceStatus, PAYMENT_STATES, PaymentState } from '../entities/invoice.entity';
import { INVOICE_LINE_KINDS, InvoiceLineKind } from '../entities/invoice-line.entity';

export class LineTaxResponse {
  taxRateId: string;
  name: string;
  percentage: string;
  inclusive: boolean;
  taxableAmount: number;
  amount: number;
}

export class LineDiscountResponse {
  appliedCouponId: string;
  amount: number;
}

export class DiscountBreakdownResponse {
  appliedCouponId: string;
  couponName: string;
  amount: number;
}

export class InvoiceLineResponse {
  id: string;
  position: number;
  @ApiProperty({ enum: INVOICE_LINE_KINDS })
  kind: InvoiceLineKind;
  description: string;
  /** Decimal string. */
  quantity: string;
  /** Major units, decimal string. */
  unitAmount: string;
  /** Minor units, before discounts. */
  amount: number;
  discountAmount: number;
  taxAmount: number;
  total: number;
  @ApiProperty({ type: [LineTaxResponse] })
  taxes: LineTaxResponse[];
  @ApiProperty({ type: [LineDiscountResponse] })
  discounts: LineDiscountResponse[];
  taxRateIds: string[] | null;
  chargeId: string | null;
  metricCode: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  @ApiProperty({ type: 'object', additionalProperties: true })
  metadata: Record<string, unknown>;
  discountable: boolean;
}

export class InvoiceResponse {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  billingBoundary: Date | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  currency: string;
  @ApiProperty({ enum: INVOICE_STATUSES })
  status: InvoiceStatus;
  @ApiProperty({ enum: PAYMENT_STATES })
  paymentState: PaymentState;
  overdue: boolean;
  overdueAt: Date | null;
  number: string | null;
  issuedAt: Date | null;
  dueAt: Date | null;
  paymentTermsDays: number | null;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  creditsApplied: number;
  amountDue: number;
  amountPaid: number;
  amountRemaining: number;
  creditedTotal: number;
  @ApiProperty({ type: [LineTaxResponse] })
  taxBreakdown: LineTaxResponse[];
  @ApiProperty({ type: [DiscountBreakdownResponse] })
  discountBreakdown: DiscountBreakdownResponse[];
  taxTreatment: string | null;
  legalNote: string | null;
  memo: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  customerSnapshot: object | null;
  finalizedAt: Date | null;
  voidedAt: Date | null;
  markedUncollectibleAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An invoice with its lines, in position order. */
export class InvoiceDetailResponse extends InvoiceResponse {
  @ApiProperty({ type: [InvoiceLineResponse] })
  lines: InvoiceLineResponse[];
}

export class InvoicePageResponse extends PageMeta {
  @ApiProperty({ type: [InvoiceResponse] })
  data: InvoiceResponse[];
}
