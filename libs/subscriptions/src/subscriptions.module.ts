import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { CustomersModule } from '@app/customers';
import { SubscriptionsController } from './controllers/subscriptions.controller';
import { SubscriptionJobs } from './services/subscription-jobs';
import { SubscriptionsService } from './services/subscriptions.service';

/** Customers' subscriptions to plan versions: statuses, billing periods, plan changes, domain events. */
@Module({
  imports: [CustomersModule, CatalogModule],
  controllers: [SubscriptionsController],
  providers: [SubscriptionsService, SubscriptionJobs],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule {}
