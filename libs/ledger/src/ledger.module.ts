import { Module } from '@nestjs/common';
import { CustomersModule } from '@app/customers';
import { LedgerController } from './controllers/ledger.controller';
import { LedgerReportsService } from './services/ledger-reports.service';
import { LedgerService } from './services/ledger.service';

/** The double-entry ledger: accounts, balanced journals posted with each business change, and reports. */
@Module({
  imports: [CustomersModule],
  controllers: [LedgerController],
  providers: [LedgerService, LedgerReportsService],
  exports: [LedgerService, LedgerReportsService],
})
export class LedgerModule {}
