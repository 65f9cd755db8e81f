import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import {
  PAYMENT_METHODS,
  PAYMENT_PROVIDERS,
  PAYMENT_STATUSES,
  PaymentMethod,
  PaymentProvider,
  PaymentStatus,
} from '../payments.types';

export class PaymentResponse {
  id: string;
  customerId: string;
  @ApiProperty({ enum: PAYMENT_PROVIDERS })
  provider: PaymentProvider;
  @ApiProperty({ enum: PAYMENT_METHODS })
  method: PaymentMethod;
  /** Minor units. */
  amount: number;
  currency: string;
  @ApiProperty({ enum: PAYMENT_STATUSES })
  status: PaymentStatus;
  providerPaymentId: string | null;
  providerChargeId: string | null;
  /** The processor's fee in minor units of the payment's currency, once Stripe reports it; null offline. */
  fee: number | null;
  failureCode: string | null;
  failureMessage: string | null;
  reference: string | null;
  receivedAt: Date | null;
  /** Settling invoices now. */
  amountAllocated: number;
  /** Became customer credit (the grant `creditGrantId`). */
  amountCredited: number;
  amountRefunded: number;
  creditGrantId: string | null;
  reversedAt: Date | null;
  reversalReason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  metadata: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

export class PaymentAllocationResponse {
  id: string;
  paymentId: string;
  invoiceId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** Set when the payment was reversed. */
  reversedAt: Date | null;
  createdAt: Date;
}

export class PaymentDetailResponse extends PaymentResponse {
  @ApiProperty({ type: [PaymentAllocationResponse] })
  allocations: PaymentAllocationResponse[];
}

export class PaymentPageResponse extends PageMeta {
  @ApiProperty({ type: [PaymentResponse] })
  data: PaymentResponse[];
}

/** One payment's allocation to an invoice, with what the invoice's payment list needs of the payment. */
export class InvoicePaymentResponse extends PaymentAllocationResponse {
  @ApiProperty({ enum: PAYMENT_METHODS })
  method: PaymentMethod;
  @ApiProperty({ enum: PAYMENT_STATUSES })
  paymentStatus: PaymentStatus;
  reference: string | null;
  receivedAt: Date | null;
}

export class InvoicePaymentPageResponse extends PageMeta {
  @ApiProperty({ type: [InvoicePaymentResponse] })
  data: InvoicePaymentResponse[];
}
