export * from './ledger.module';
export * from './ledger.types';
export * from './ledger.errors';
export { LedgerService } from './services/ledger.service';
export { LedgerReportsService } from './services/ledger-reports.service';
export { CHART_OF_ACCOUNTS } from './chart/chart-of-accounts';
export type { AccountDefinition, AccountType, NormalBalance } from './chart/chart-of-accounts';
export * from './dto/ledger.response';
