import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { REFUND_STATUSES, Refund, RefundStatus } from '../../entities/refund.entity';
import { PAYMENT_PROVIDERS, PaymentProvider } from '../../payments.types';

export class RefundResponse {
  id: string;
  paymentId: string;
  customerId: string;
  creditNoteId: string | null;
  @ApiProperty({ enum: PAYMENT_PROVIDERS })
  provider: PaymentProvider;
  /** Minor units. */
  amount: number;
  currency: string;
  @ApiProperty({ enum: REFUND_STATUSES })
  status: RefundStatus;
  providerRefundId: string | null;
  reason: string | null;
  failureReason: string | null;
  reference: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export class RefundPageResponse extends PageMeta {
  @ApiProperty({ type: [RefundResponse] })
  data: RefundResponse[];
}

export const toRefundResponse = (r: Refund): RefundResponse => ({
  id: r.id,
  paymentId: r.paymentId,
  customerId: r.customerId,
  creditNoteId: r.creditNoteId,
  provider: r.provider,
  amount: r.amount,
  currency: r.currency,
  status: r.status,
  providerRefundId: r.providerRefundId,
  reason: r.reason,
  failureReason: r.failureReason,
  reference: r.reference,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
