import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { CustomersModule } from '@app/customers';
import { SubscriptionsModule } from '@app/subscriptions';
import { UsageAlertJobs } from './alerts/usage-alert-jobs';
import { EventsController } from './controllers/events.controller';
import { SubscriptionUsageController } from './controllers/subscription-usage.controller';
import { UsageEventRepository } from './services/usage-event.repository';
import { UsageIngestService } from './services/usage-ingest.service';
import { UsagePartitionsService } from './services/usage-partitions.service';
import { UsageQueryRepository } from './services/usage-query.repository';
import { UsageQueryService } from './services/usage-query.service';

/**
 * Usage events: ingestion (POST /v1/events[/batch]) into the monthly-partitioned usage_events table, and
 * the current usage of a subscription (GET /v1/subscriptions/{id}/usage).
 */
@Module({
  imports: [CatalogModule, CustomersModule, SubscriptionsModule],
  controllers: [EventsController, SubscriptionUsageController],
  providers: [
    UsageAlertJobs,
    UsageEventRepository,
    UsageIngestService,
    UsagePartitionsService,
    UsageQueryRepository,
    UsageQueryService,
  ],
  exports: [UsageIngestService, UsageQueryService],
})
export class UsageModule {}
