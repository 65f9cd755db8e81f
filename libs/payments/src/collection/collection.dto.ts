import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COLLECTION_TRIGGERS, CollectionTrigger } from '@app/core';
import { PaymentDetailResponse } from '../dto/payment.response';
import { ATTEMPT_STATUSES, AttemptStatus } from './payment-attempt.entity';

/** One charge attempt of an invoice, with its payment. */
export class PaymentAttemptResponse {
  id: string;
  invoiceId: string;
  installmentId: string | null;
  /** 1 for the first charge of the invoice, then one more per new attempt. */
  attemptNumber: number;
  @ApiProperty({ enum: COLLECTION_TRIGGERS })
  trigger: CollectionTrigger;
  @ApiProperty({ enum: ATTEMPT_STATUSES })
  status: AttemptStatus;
  /** Stripe's error code and decline code when it failed. */
  failureCode: string | null;
  declineCode: string | null;
  @ApiProperty({ type: PaymentDetailResponse })
  payment: PaymentDetailResponse;
  /**
   * Set while the attempt `requires_action`: the PaymentIntent's client secret, for Stripe.js
   * `handleNextAction` (3-D Secure) in the front end.
   */
  @ApiPropertyOptional({ type: String, nullable: true })
  clientSecret: string | null;
  createdAt: Date;
  completedAt: Date | null;
}
