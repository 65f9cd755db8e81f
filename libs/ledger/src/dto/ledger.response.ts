import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { ACCOUNT_TYPES, AccountType, NormalBalance } from '../chart/chart-of-accounts';
import { JOURNAL_KINDS, JournalKind, LedgerAccount } from '../ledger.types';

const NORMAL_BALANCES: NormalBalance[] = ['debit', 'credit'];

export class AccountBalanceResponse {
  currency: string;
  /** On the account's normal side, in minor units. */
  balance: number;
}

export class LedgerAccountResponse {
  id: string;
  @ApiProperty({ enum: LedgerAccount })
  code: LedgerAccount;
  name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES })
  type: AccountType;
  @ApiProperty({ enum: NORMAL_BALANCES })
  normalBalance: NormalBalance;
  /** One entry per currency the account has lines in. */
  @ApiProperty({ type: [AccountBalanceResponse] })
  balances: AccountBalanceResponse[];
}

export class LedgerAccountListResponse {
  @ApiProperty({ type: [LedgerAccountResponse] })
  data: LedgerAccountResponse[];
}

export class TrialBalanceAccountResponse {
  @ApiProperty({ enum: LedgerAccount })
  account: LedgerAccount;
  name: string;
  @ApiProperty({ enum: ACCOUNT_TYPES })
  type: AccountType;
  @ApiProperty({ enum: NORMAL_BALANCES })
  normalBalance: NormalBalance;
  /** Normal-side balance before `from`. */
  openingBalance: number;
  /** Debits posted in [from, to). */
  debits: number;
  /** Credits posted in [from, to). */
  credits: number;
  /** Normal-side balance at `to`. */
  closingBalance: number;
}

export class TrialBalanceTotalsResponse {
  /** Σ debits of the period; always equals `credits`. */
  debits: number;
  credits: number;
  /** Σ closing balances that are debit balances; always equals `closingCreditBalances`. */
  closingDebitBalances: number;
  closingCreditBalances: number;
}

export class TrialBalanceCurrencyResponse {
  currency: string;
  @ApiProperty({ type: [TrialBalanceAccountResponse] })
  accounts: TrialBalanceAccountResponse[];
  totals: TrialBalanceTotalsResponse;
}

export class TrialBalanceResponse {
  @ApiProperty({ nullable: true, type: Date })
  from: Date | null;
  to: Date;
  /** One trial balance per currency (amounts of different currencies never add up). */
  @ApiProperty({ type: [TrialBalanceCurrencyResponse] })
  currencies: TrialBalanceCurrencyResponse[];
}

export class StatementEntryResponse {
  occurredAt: Date;
  journalId: string;
  @ApiProperty({ enum: JOURNAL_KINDS })
  kind: JournalKind;
  sourceType: string;
  sourceId: string;
  /** `receivables` or `customer_credit`. */
  @ApiProperty({ enum: [LedgerAccount.Receivables, LedgerAccount.CustomerCredit] })
  account: LedgerAccount;
  @ApiProperty({ nullable: true, type: String })
  memo: string | null;
  debit: number;
  credit: number;
  /** What the customer owes net of unspent credit, after this entry. */
  balance: number;
}

export class CustomerStatementResponse {
  customerId: string;
  currency: string;
  @ApiProperty({ nullable: true, type: Date })
  from: Date | null;
  to: Date;
  /** Receivables minus customer credit before `from`: positive when the customer owes money. */
  openingBalance: number;
  closingBalance: number;
  @ApiProperty({ type: [StatementEntryResponse] })
  entries: StatementEntryResponse[];
}

export class JournalLineResponse {
  id: string;
  @ApiProperty({ enum: LedgerAccount })
  account: LedgerAccount;
  @ApiProperty({ nullable: true, type: String })
  customerId: string | null;
  debit: number;
  credit: number;
}

export class JournalResponse {
  id: string;
  @ApiProperty({ enum: JOURNAL_KINDS })
  kind: JournalKind;
  sourceType: string;
  sourceId: string;
  currency: string;
  occurredAt: Date;
  @ApiProperty({ nullable: true, type: String })
  memo: string | null;
  createdAt: Date;
  @ApiProperty({ type: [JournalLineResponse] })
  lines: JournalLineResponse[];
}

export class JournalPageResponse extends PageMeta {
  @ApiProperty({ type: [JournalResponse] })
  data: JournalResponse[];
}
