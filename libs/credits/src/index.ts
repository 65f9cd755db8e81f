export * from './credits.module';
export * from './credits.types';
export * from './credits.errors';
export { CreditsService } from './services/credits.service';
export { CreditReadsService } from './services/credit-reads.service';
export {
  CreditGrantResponse,
  CreditBalanceResponse,
  CreditHistoryEntryResponse,
} from './dto/credit.response';
export { CREDIT_GRANT_STATUSES } from './entities/credit-grant.entity';
export type { CreditGrantStatus } from './entities/credit-grant.entity';
