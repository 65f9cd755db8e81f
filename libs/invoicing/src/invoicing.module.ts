import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { CreditsModule } from '@app/credits';
import { CustomersModule } from '@app/customers';
import { LedgerModule } from '@app/ledger';
import { CouponsModule } from './coupons/coupons.module';
import { FxModule } from './fx/fx.module';
import { InvoiceEventsRecorder } from './jobs/invoice-events.recorder';
import { InvoiceJobs } from './jobs/invoice-jobs';
import { TaxesModule } from './taxes/taxes.module';

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
  providers: [InvoiceJobs, InvoiceEventsRecorder],
})
export class InvoicingModule {}
