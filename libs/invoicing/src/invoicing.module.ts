import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { CreditsModule } from '@app/credits';
import { CustomersModule } from '@app/customers';
import { LedgerModule } from '@app/ledger';
import { InvoicesController } from './controllers/invoices.controller';
import { InvoicingSettingsController } from './controllers/invoicing-settings.controller';
import { CouponsModule } from './coupons/coupons.module';
import { CreditNoteRefundsService } from './credit-notes/credit-note-refunds.service';
import { FxModule } from './fx/fx.module';
import { InvoiceJobs } from './jobs/invoice-jobs';
import { InvoicePaymentsService } from './payments/invoice-payments.service';
import { NumberSequenceService } from './numbering/number-sequence.service';
import { InvoiceLifecycleService } from './services/invoice-lifecycle.service';
import { InvoicePricingService } from './services/invoice-pricing.service';
import { InvoiceRepository } from './services/invoice.repository';
import { InvoicesService } from './services/invoices.service';
import { InvoicingSettingsService } from './settings/invoicing-settings.service';
import { TaxesModule } from './taxes/taxes.module';
import { InvoiceInstallmentsService } from './installments/invoice-installments.service';
import { InvoiceDepositsService } from './installments/invoice-deposits.service';
import { InstallmentsController } from './installments/installments.controller';

/** Invoices, lines, finalization and numbering, credit notes, taxes, coupons, FX rates and billing runs. */
@Module({
  imports: [
    CustomersModule,
    CatalogModule,
    CreditsModule,
    LedgerModule,
    TaxesModule,
    CouponsModule,
    FxModule,
  ],
  controllers: [InvoicesController, InvoicingSettingsController, InstallmentsController],
  providers: [
    InvoiceInstallmentsService,
    InvoiceDepositsService,
    InvoicesService,
    InvoiceLifecycleService,
    InvoicePricingService,
    InvoiceRepository,
    NumberSequenceService,
    InvoicingSettingsService,
    InvoiceJobs,
    InvoicePaymentsService,
    CreditNoteRefundsService,
  ],
  exports: [
    InvoiceInstallmentsService,
    InvoicesService,
    InvoicePaymentsService,
    CreditNoteRefundsService,
    NumberSequenceService,
    InvoicingSettingsService,
    FxModule,
  ],
})
export class InvoicingModule {}
