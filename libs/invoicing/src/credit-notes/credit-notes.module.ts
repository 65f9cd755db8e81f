import { Module } from '@nestjs/common';
import { CreditsModule } from '@app/credits';
import { LedgerModule } from '@app/ledger';
import { InvoicingModule } from '../invoicing.module';
import { InvoiceRepository } from '../services/invoice.repository';
import { CreditNoteReadsService } from './credit-note-reads.service';
import { CreditNotesController, InvoiceCreditNotesController } from './credit-notes.controller';
import { CreditNotesService } from './credit-notes.service';

/** Credit notes against open or paid invoices: own gapless numbers, ledger postings, outcomes. */
@Module({
  imports: [InvoicingModule, CreditsModule, LedgerModule],
  controllers: [CreditNotesController, InvoiceCreditNotesController],
  providers: [CreditNotesService, CreditNoteReadsService, InvoiceRepository],
  exports: [CreditNotesService, CreditNoteReadsService],
})
export class CreditNotesModule {}
