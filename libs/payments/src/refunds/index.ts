import { RefundReadsService } from './refund-reads.service';
import { RefundSettlement } from './refund-settlement';
import { RefundStripeEvents } from './refund-stripe-events';
import {
  CreditNoteRefundController,
  PaymentRefundsController,
  RefundsController,
} from './refunds.controller';
import { RefundsService } from './refunds.service';

export const REFUNDS_PROVIDERS = [RefundsService, RefundReadsService, RefundSettlement, RefundStripeEvents];
export const REFUNDS_CONTROLLERS = [PaymentRefundsController, RefundsController, CreditNoteRefundController];
