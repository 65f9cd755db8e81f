import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { CreditsModule } from '@app/credits';
import { SubscriptionsModule } from '@app/subscriptions';
import { UsageModule } from '@app/usage';
import { CouponsModule } from '../coupons/coupons.module';
import { InvoicingModule } from '../invoicing.module';
import { TaxesModule } from '../taxes/taxes.module';
import { BatchBiller } from './batch-biller';
import { BatchPreloader } from './batch-preloader';
import { BillingController } from './billing.controller';
import { BillingCycleRecorder } from './billing-cycle.recorder';
import { BillingCyclesService } from './billing-cycles.service';
import { BillingJobs } from './billing-jobs';
import { BillingRunsService } from './billing-runs.service';
import { CycleReader } from './cycle-reader';
import { GraceDraftsFinalizer } from './grace-drafts.finalizer';

/** Billing runs: subscription billing points recorded from domain events, billed in batches by the worker. */
@Module({
  imports: [
    InvoicingModule,
    TaxesModule,
    CouponsModule,
    CreditsModule,
    CatalogModule,
    SubscriptionsModule,
    UsageModule,
  ],
  controllers: [BillingController],
  providers: [
    BatchBiller,
    BatchPreloader,
    BillingCycleRecorder,
    BillingCyclesService,
    BillingJobs,
    BillingRunsService,
    CycleReader,
    GraceDraftsFinalizer,
  ],
  exports: [BillingRunsService],
})
export class BillingModule {}
