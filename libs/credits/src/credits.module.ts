import { Module } from '@nestjs/common';
import { CustomersModule } from '@app/customers';
import { LedgerModule } from '@app/ledger';
import { CreditGrantsController } from './controllers/credit-grants.controller';
import { CustomerCreditsController } from './controllers/customer-credits.controller';
import { CreditJobs } from './jobs/credit-jobs';
import { CreditReadsService } from './services/credit-reads.service';
import { CreditsService } from './services/credits.service';

/** Prepaid and granted customer credit: grants, applications to invoices, expiry. */
@Module({
  imports: [CustomersModule, LedgerModule],
  controllers: [CustomerCreditsController, CreditGrantsController],
  providers: [CreditsService, CreditReadsService, CreditJobs],
  exports: [CreditsService, CreditReadsService],
})
export class CreditsModule {}
