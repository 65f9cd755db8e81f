import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { CustomersModule } from '@app/customers';
import { EventsController } from './controllers/events.controller';
import { UsageEventRepository } from './services/usage-event.repository';
import { UsageIngestService } from './services/usage-ingest.service';
import { UsagePartitionsService } from './services/usage-partitions.service';

/** Usage events: ingestion (POST /v1/events[/batch]) into the monthly-partitioned usage_events table. */
@Module({
  imports: [CatalogModule, CustomersModule],
  controllers: [EventsController],
  providers: [UsageEventRepository, UsageIngestService, UsagePartitionsService],
  exports: [UsageIngestService],
})
export class UsageModule {}
