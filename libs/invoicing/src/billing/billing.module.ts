import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { SubscriptionsModule } from '@app/subscriptions';
import { UsageModule } from '@app/usage';
import { InvoicingModule } from '../invoicing.module';
import { BillingController } from './billing.controller';
import { BillingCycleRecorder } from './billing-cycle.recorder';
import { BillingCyclesService } from './billing-cycles.service';
import { BillingJobs } from './billing-jobs';
import { BillingRunsService } from './billing-runs.service';
import { CycleBiller } from './cycle-biller';
import { GraceDraftsFinalizer } from './grace-drafts.finalizer';

/** Billing runs: subscription billing points recorded from domain events, billed in batches by the worker. */
@Module({
  imports: [InvoicingModule, CatalogModule, SubscriptionsModule, UsageModule],
  controllers: [BillingController],
  providers: [
    BillingCycleRecorder,
    BillingCyclesService,
    BillingJobs,
    BillingRunsService,
    CycleBiller,
    GraceDraftsFinalizer,
  ],
  exports: [BillingRunsService],
})
export class BillingModule {}
