import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { Dispute } from '../../entities/dispute.entity';

export class DisputeResponse {
  id: string;
  paymentId: string;
  customerId: string;
  providerDisputeId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  reason: string;
  /** Stripe's status. */
  status: string;
  evidenceDueBy: Date | null;
  /** The dispute fee kept by the processor (minor units), once known. */
  fee: number | null;
  /** When the outcome was settled in the ledger and invoices. */
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class DisputePageResponse extends PageMeta {
  @ApiProperty({ type: [DisputeResponse] })
  data: DisputeResponse[];
}

export const toDisputeResponse = (d: Dispute): DisputeResponse => ({
  id: d.id,
  paymentId: d.paymentId,
  customerId: d.customerId,
  providerDisputeId: d.providerDisputeId,
  amount: d.amount,
  currency: d.currency,
  reason: d.reason,
  status: d.status,
  evidenceDueBy: d.evidenceDueBy,
  fee: d.fee,
  closedAt: d.closedAt,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});
