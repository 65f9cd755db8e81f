import { Module } from '@nestjs/common';
import { LedgerService } from './services/ledger.service';

/** The double-entry ledger: accounts, balanced journals posted with each business change, and reports. */
@Module({
  providers: [LedgerService],
  exports: [LedgerService],
})
export class LedgerModule {}
