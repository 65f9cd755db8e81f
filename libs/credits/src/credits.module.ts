import { Module } from '@nestjs/common';
import { CustomersModule } from '@app/customers';
import { LedgerModule } from '@app/ledger';
import { CreditJobs } from './jobs/credit-jobs';
import { CreditsService } from './services/credits.service';

/** Prepaid and granted customer credit: grants, applications to invoices, expiry. */
@Module({
  imports: [CustomersModule, LedgerModule],
  providers: [CreditsService, CreditJobs],
  exports: [CreditsService],
})
export class CreditsModule {}
