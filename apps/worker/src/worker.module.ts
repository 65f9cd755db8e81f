import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { CoreModule, WorkerRuntimeModule } from '@app/core';
import { SubscriptionsModule } from '@app/subscriptions';
import { UsageModule } from '@app/usage';
import { CreditsModule } from '@app/credits';
import { BillingModule, CreditNotesModule, InvoiceBulkModule, InvoicingModule } from '@app/invoicing';
import { DocumentsModule } from '@app/documents';
import { NotificationsModule } from '@app/notifications';
import { WebhooksModule } from '@app/webhooks';
import { PaymentsModule } from '@app/payments';
import { WorkerMetricsServer } from './worker-metrics.server';

/** The worker: every domain's processors and schedules, the outbox relay, no API routes. */
@Module({
  imports: [
    CoreModule,
    AuthModule,
    UsageModule,
    SubscriptionsModule,
    CreditsModule,
    InvoicingModule,
    BillingModule,
    CreditNotesModule,
    InvoiceBulkModule,
    DocumentsModule,
    NotificationsModule,
    WebhooksModule,
    PaymentsModule,
    WorkerRuntimeModule,
  ],
  providers: [WorkerMetricsServer],
})
export class WorkerModule {}
