import { RefundReadsService } from './refund-reads.service';
import { RefundSettlement } from './refund-settlement';
import { RefundStripeEvents } from './refund-stripe-events';
import {
  CreditNoteRefundController,
  PaymentRefundsController,
  RefundsController,
} from './refunds.controller';
import { RefundsJobs } from './refunds.jobs';
import { RefundsService } from './refunds.service';
import { StuckRefundsRecoverer } from './stuck-refunds.recoverer';

export const REFUNDS_PROVIDERS = [
  RefundsService,
  RefundReadsService,
  RefundSettlement,
  RefundStripeEvents,
  StuckRefundsRecoverer,
  RefundsJobs,
];
export const REFUNDS_CONTROLLERS = [PaymentRefundsController, RefundsController, CreditNoteRefundController];
