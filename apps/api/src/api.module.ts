import { Module } from '@nestjs/common';
import { CoreModule, PlatformHttpModule } from '@app/core';
import { AuthModule } from '@app/auth';
import { CustomersModule } from '@app/customers';
import { CatalogModule } from '@app/catalog';
import { SubscriptionsModule } from '@app/subscriptions';
import { UsageModule } from '@app/usage';
import { LedgerModule } from '@app/ledger';
import { CreditsModule } from '@app/credits';
import { InvoicingModule } from '@app/invoicing';
import { BillingModule } from '@app/invoicing/billing/billing.module';

/** The HTTP app: the platform plus every domain's controllers. */
@Module({
  imports: [
    CoreModule,
    PlatformHttpModule,
    AuthModule,
    CustomersModule,
    CatalogModule,
    UsageModule,
    SubscriptionsModule,
    LedgerModule,
    CreditsModule,
    InvoicingModule,
    BillingModule,
  ],
})
export class ApiModule {}
