import { Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CatalogModule } from '@app/catalog';
import { CustomersModule } from '@app/customers';
import { SubscriptionsModule } from '@app/subscriptions';
import { UsageAlertEvaluator } from './alerts/usage-alert-evaluator';
import { UsageAlertJobs } from './alerts/usage-alert-jobs';
import { UsageAlertWatchlist } from './alerts/usage-alert-watchlist';
import { UsageAlertsService } from './alerts/usage-alerts.service';
import { raiseBatchBodyLimit } from './controllers/batch-body-limit';
import { EventsController } from './controllers/events.controller';
import { SubscriptionUsageController } from './controllers/subscription-usage.controller';
import { UsageAlertsController } from './controllers/usage-alerts.controller';
import { UsageEventRepository } from './services/usage-event.repository';
import { UsageIngestService } from './services/usage-ingest.service';
import { UsagePartitionsService } from './services/usage-partitions.service';
import { UsageQueryRepository } from './services/usage-query.repository';
import { UsageQueryService } from './services/usage-query.service';
import { UsageSettingsController } from './settings/usage-settings.controller';
import { UsageSettingsService } from './settings/usage-settings.service';

/**
 * Usage events: ingestion (POST /v1/events[/batch]) into the monthly-partitioned usage_events table, the
 * current usage of a subscription (GET /v1/subscriptions/{id}/usage), usage alerts and per-organisation
 * ingestion settings.
 */
@Module({
  imports: [CatalogModule, CustomersModule, SubscriptionsModule],
  controllers: [
    EventsController,
    SubscriptionUsageController,
    UsageAlertsController,
    UsageSettingsController,
  ],
  providers: [
    UsageAlertEvaluator,
    UsageAlertJobs,
    UsageAlertWatchlist,
    UsageAlertsService,
    UsageEventRepository,
    UsageIngestService,
    UsagePartitionsService,
    UsageQueryRepository,
    UsageQueryService,
    UsageSettingsService,
  ],
  exports: [UsageIngestService, UsageQueryService, UsageSettingsService],
})
export class UsageModule {
  constructor(adapterHost: HttpAdapterHost) {
    raiseBatchBodyLimit(adapterHost);
  }
}
