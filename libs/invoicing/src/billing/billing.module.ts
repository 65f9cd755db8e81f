import { Module } from '@nestjs/common';
import { BillingJobs } from './billing-jobs';

/** Billing runs: subscription billing points recorded from domain events, billed in batches by the worker. */
@Module({
  providers: [BillingJobs],
})
export class BillingModule {}
