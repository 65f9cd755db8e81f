import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { LedgerAccount } from '@app/ledger';
import { CREDIT_GRANT_TYPES, CreditGrantType } from '../credits.types';
import { CREDIT_GRANT_STATUSES, CreditGrantStatus } from '../entities/credit-grant.entity';

export class CreditGrantResponse {
  id: string;
  customerId: string;
  currency: string;
  /** Granted, minor units. */
  amount: number;
  /** Still spendable unless expired, minor units. */
  remainingAmount: number;
  expiredAmount: number;
  voidedAmount: number;
  @ApiProperty({ enum: CREDIT_GRANT_TYPES })
  type: CreditGrantType;
  /** The ledger account the grant was funded from. */
  @ApiProperty({ enum: LedgerAccount })
  fundingAccount: LedgerAccount;
  source: string;
  sourceId: string | null;
  description: string | null;
  expiresAt: Date | null;
  priority: number;
  /** User or API key id; null for the system. */
  grantedBy: string | null;
  @ApiProperty({ enum: CREDIT_GRANT_STATUSES })
  status: CreditGrantStatus;
  createdAt: Date;
  updatedAt: Date;
}

export class CreditGrantPageResponse extends PageMeta {
  @ApiProperty({ type: [CreditGrantResponse] })
  data: CreditGrantResponse[];
}

export class CurrencyCreditBalanceResponse {
  currency: string;
  /** Spendable now (remaining amounts of grants not expired), minor units. */
  available: number;
  /** The earliest expiry among the spendable grants; null when none expires. */
  nextExpiresAt: Date | null;
  /** What expires at `nextExpiresAt`, minor units. */
  nextExpiringAmount: number;
}

export class CreditBalanceResponse {
  customerId: string;
  /** One entry per currency with spendable credit. */
  @ApiProperty({ type: [CurrencyCreditBalanceResponse] })
  balances: CurrencyCreditBalanceResponse[];
}

export const CREDIT_HISTORY_KINDS = ['grant', 'application', 'restoration', 'expiry', 'void'] as const;
export type CreditHistoryKind = (typeof CREDIT_HISTORY_KINDS)[number];

export class CreditHistoryEntryResponse {
  @ApiProperty({ enum: CREDIT_HISTORY_KINDS })
  kind: CreditHistoryKind;
  /** The grant's id for `grant`, the application's for `application`/`restoration`, else the adjustment's. */
  id: string;
  grantId: string;
  /** Set for `application` and `restoration`. */
  invoiceId: string | null;
  /** The change to the customer's credit, minor units: positive for grants and restorations. */
  amount: number;
  currency: string;
  at: Date;
}

export class CreditHistoryPageResponse extends PageMeta {
  @ApiProperty({ type: [CreditHistoryEntryResponse] })
  data: CreditHistoryEntryResponse[];
}
