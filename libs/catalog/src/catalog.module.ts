import { Module } from '@nestjs/common';
import { BillableMetricsController } from './controllers/billable-metrics.controller';
import { PlansController } from './controllers/plans.controller';
import { BillableMetricsService } from './services/billable-metrics.service';
import { CatalogService } from './services/catalog.service';
import { PlansService } from './services/plans.service';

/** Billable metrics, versioned plans and their charges; the pricing engine lives in `pricing/` (pure). */
@Module({
  controllers: [BillableMetricsController, PlansController],
  providers: [BillableMetricsService, PlansService, CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
