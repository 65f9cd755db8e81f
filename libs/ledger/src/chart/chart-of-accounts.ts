import { LedgerAccount } from '../ledger.types';

export const ACCOUNT_TYPES = ['asset', 'liability', 'income', 'expense', 'contra_income'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** The side on which an account grows: assets, expenses and contra-income on the debit side. */
export type NormalBalance = 'debit' | 'credit';

export interface AccountDefinition {
  code: LedgerAccount;
  name: string;
  type: AccountType;
  normalBalance: NormalBalance;
}

const NORMAL_BALANCE: Record<AccountType, NormalBalance> = {
  asset: 'debit',
  expense: 'debit',
  contra_income: 'debit',
  liability: 'credit',
  income: 'credit',
};

const account = (code: LedgerAccount, name: string, type: AccountType): AccountDefinition => ({
  code,
  name,
  type,
  normalBalance: NORMAL_BALANCE[type],
});

/** Every organisation's accounts, in the order reports list them. */
export const CHART_OF_ACCOUNTS: readonly AccountDefinition[] = [
  account(LedgerAccount.Receivables, 'Accounts receivable', 'asset'),
  account(LedgerAccount.CashClearing, 'Cash clearing', 'asset'),
  account(LedgerAccount.DisputedFunds, 'Disputed funds', 'asset'),
  account(LedgerAccount.TaxPayable, 'Tax payable', 'liability'),
  account(LedgerAccount.CustomerCredit, 'Customer credit', 'liability'),
  account(LedgerAccount.Refunds, 'Refunds payable', 'liability'),
  account(LedgerAccount.Revenue, 'Revenue', 'income'),
  account(LedgerAccount.Discounts, 'Discounts', 'contra_income'),
  account(LedgerAccount.WriteOffs, 'Bad debt write-offs', 'expense'),
  account(LedgerAccount.ProcessorFees, 'Payment processor fees', 'expense'),
  account(LedgerAccount.Chargebacks, 'Chargebacks', 'expense'),
];

const BY_CODE = new Map(CHART_OF_ACCOUNTS.map((a) => [a.code, a]));

export const accountDefinition = (code: LedgerAccount): AccountDefinition => {
  const definition = BY_CODE.get(code);
  if (!definition) throw new Error(`Unknown ledger account ${code}`);
  return definition;
};

/** Accounts whose lines must name the customer they belong to. */
export const CUSTOMER_ACCOUNTS: ReadonlySet<LedgerAccount> = new Set([
  LedgerAccount.Receivables,
  LedgerAccount.CustomerCredit,
]);

/** A balance on the account's normal side, from raw debit and credit sums. */
export const normalSideBalance = (code: LedgerAccount, debit: number, credit: number): number =>
  accountDefinition(code).normalBalance === 'debit' ? debit - credit : credit - debit;
