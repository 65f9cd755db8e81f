export * from './ledger.module';
export * from './ledger.types';
export { LedgerService } from './services/ledger.service';
