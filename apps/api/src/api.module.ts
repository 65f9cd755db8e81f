import { Module } from '@nestjs/common';
import { CoreModule, PlatformHttpModule } from '@app/core';
import { AuthModule } from '@app/auth';
import { CustomersModule } from '@app/customers';
import { CatalogModule } from '@app/catalog';
import { SubscriptionsModule } from '@app/subscriptions';
import { UsageModule } from '@app/usage';
import { LedgerModule } from '@app/ledger';
import { CreditsModule } from '@app/credits';
import { BillingModule, CreditNotesModule, InvoiceBulkModule, InvoicingModule } from '@app/invoicing';
import { DocumentsModule } from '@app/documents';
import { NotificationsModule } from '@app/notifications';
import { WebhooksModule } from '@app/webhooks';
import { PaymentsModule } from '@app/payments';

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
    CreditNotesModule,
    InvoiceBulkModule,
    DocumentsModule,
    NotificationsModule,
    WebhooksModule,
    PaymentsModule,
  ],
})
export class ApiModule {}
