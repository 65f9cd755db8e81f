import { Module } from '@nestjs/common';
import { CreditsModule } from '@app/credits';
import { CustomersModule } from '@app/customers';
import { InvoicingModule } from '@app/invoicing';
import { LedgerModule } from '@app/ledger';
import { NotificationsModule } from '@app/notifications';
import { SubscriptionsModule } from '@app/subscriptions';
import { COLLECTION_CONTROLLERS, COLLECTION_PROVIDERS } from './collection';
import { InvoicePaymentsController, PaymentsController } from './controllers/payments.controller';
import { DISPUTES_CONTROLLERS, DISPUTES_PROVIDERS } from './disputes';
import { DUNNING_CONTROLLERS, DUNNING_PROVIDERS } from './dunning';
import { INSTALLMENTS_CONTROLLERS, INSTALLMENTS_PROVIDERS } from './installments';
import { RECONCILIATION_CONTROLLERS, RECONCILIATION_PROVIDERS } from './reconciliation';
import { REFUNDS_CONTROLLERS, REFUNDS_PROVIDERS } from './refunds';
import { OfflinePaymentsService } from './services/offline-payments.service';
import { PaymentReadsService } from './services/payment-reads.service';
import { PaymentSettingsController } from './settings/payment-settings.controller';
import { PaymentSettingsService } from './settings/payment-settings.service';
import { STRIPE_INBOX_CONTROLLERS, STRIPE_INBOX_PROVIDERS } from './stripe-inbox';
import { StripeAccountController } from './stripe/stripe-account.controller';
import { StripeAccountsService } from './stripe/stripe-accounts.service';
import { StripeEventRouter } from './stripe/stripe-event-router';

/**
 * Payments (docs/payments.md): offline payments and allocation, Stripe per organisation, collection,
 * the inbound Stripe inbox, refunds, disputes, dunning, installments and reconciliation. Each feature folder
 * lists its own controllers and providers.
 */
@Module({
  imports: [
    CustomersModule,
    CreditsModule,
    LedgerModule,
    InvoicingModule,
    NotificationsModule,
    SubscriptionsModule,
  ],
  controllers: [
    PaymentsController,
    InvoicePaymentsController,
    StripeAccountController,
    PaymentSettingsController,
    ...COLLECTION_CONTROLLERS,
    ...STRIPE_INBOX_CONTROLLERS,
    ...REFUNDS_CONTROLLERS,
    ...DISPUTES_CONTROLLERS,
    ...DUNNING_CONTROLLERS,
    ...RECONCILIATION_CONTROLLERS,
    ...INSTALLMENTS_CONTROLLERS,
  ],
  providers: [
    OfflinePaymentsService,
    PaymentReadsService,
    StripeAccountsService,
    StripeEventRouter,
    PaymentSettingsService,
    ...COLLECTION_PROVIDERS,
    ...STRIPE_INBOX_PROVIDERS,
    ...REFUNDS_PROVIDERS,
    ...DISPUTES_PROVIDERS,
    ...DUNNING_PROVIDERS,
    ...RECONCILIATION_PROVIDERS,
    ...INSTALLMENTS_PROVIDERS,
  ],
  exports: [OfflinePaymentsService, PaymentReadsService, StripeAccountsService, PaymentSettingsService],
})
export class PaymentsModule {}
