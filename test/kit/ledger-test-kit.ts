import { INestApplicationContext } from '@nestjs/common';
import { CreditReadsService } from '@app/credits';
import { InvoicesService } from '@app/invoicing';
import { LedgerAccount, LedgerService } from '@app/ledger';

/** A balance of the org's ledger in `currency`: of one customer, or of the whole account without one. */
export const ledgerBalance = (
  app: INestApplicationContext,
  orgId: string,
  currency: string,
  account: LedgerAccount,
  customerId?: string,
): Promise<number> =>
  app.get(LedgerService).balanceOf(orgId, { account, currency, ...(customerId ? { customerId } : {}) });

/**
 * The invariants of docs/ledger.md for one customer: every journal balanced, the customer's receivables equal
 * the remaining amounts of their open invoices, their ledger credit equals their available credit.
 */
export async function assertCustomerLedger(
  app: INestApplicationContext,
  orgId: string,
  customerId: string,
  currency = 'EUR',
): Promise<void> {
  expect(await app.get(LedgerService).unbalancedJournals(orgId)).toEqual([]);
  expect(await ledgerBalance(app, orgId, currency, LedgerAccount.Receivables, customerId)).toBe(
    await app.get(InvoicesService).openReceivables(orgId, customerId, currency),
  );
  const credits = await app.get(CreditReadsService).balance(orgId, customerId);
  expect(await ledgerBalance(app, orgId, currency, LedgerAccount.CustomerCredit, customerId)).toBe(
    credits.balances.find((b) => b.currency === currency)?.available ?? 0,
  );
}
