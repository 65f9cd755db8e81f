import { Module } from '@nestjs/common';
import { CreditsModule } from '@app/credits';
import { CustomersModule } from '@app/customers';
import { InvoicingModule } from '@app/invoicing';
import { LedgerModule } from '@app/ledger';
import { InvoicePaymentsController, PaymentsController } from './controllers/payments.controller';
import { OfflinePaymentsService } from './services/offline-payments.service';
import { PaymentReadsService } from './services/payment-reads.service';

/** Payments and their allocation to invoices; offline (manual) payments for now (docs/payments.md). */
@Module({
  imports: [CustomersModule, CreditsModule, LedgerModule, InvoicingModule],
  controllers: [PaymentsController, InvoicePaymentsController],
  providers: [OfflinePaymentsService, PaymentReadsService],
  exports: [OfflinePaymentsService, PaymentReadsService],
})
export class PaymentsModule {}
