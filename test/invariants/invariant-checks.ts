import { LedgerAccount } from '@app/ledger';
import { CURRENCIES } from './invariant-steps';
import { InvariantServices, InvariantWorld } from './invariant-world';

/** One invariant's two sides, named so that a failure says which one broke, for whom, and by how much. */
interface Comparison {
  invariant: string;
  actual: number;
  expected: number;
}

/**
 * The ledger agrees with invoicing and credits (docs/ledger.md "Invariants, tested"):
 * every journal balances; per currency the trial balance is even; per customer and currency, receivables
 * = Σ amountRemaining of open invoices, customer credit = Σ remaining of grants, and the credits read
 * model's spendable balance = Σ remaining of grants not past their expiry.
 */
export async function checkInvariants(s: InvariantServices, world: InvariantWorld): Promise<void> {
  const { orgId } = world;
  expect(await s.ledger.unbalancedJournals(orgId)).toEqual([]);

  const trial = await s.reports.trialBalance(orgId, {});
  for (const section of trial.currencies) {
    expect(section.totals.debits).toBe(section.totals.credits);
    expect(section.totals.closingDebitBalances).toBe(section.totals.closingCreditBalances);
  }

  const comparisons: Comparison[] = [];
  for (const currency of CURRENCIES) {
    const receivables = await s.ledger.customerBalances(orgId, {
      account: LedgerAccount.Receivables,
      currency,
    });
    const credit = await s.ledger.customerBalances(orgId, {
      account: LedgerAccount.CustomerCredit,
      currency,
    });
    for (const [index, customer] of world.customers.entries()) {
      const who = `customer ${index} (${customer.currency}) in ${currency}`;
      const query = { customerId: customer.id, currency };
      const ledgerReceivables = await s.ledger.balanceOf(orgId, {
        account: LedgerAccount.Receivables,
        ...query,
      });
      comparisons.push(
        {
          invariant: `receivables = Σ open invoices' remaining, ${who}`,
          actual: ledgerReceivables,
          expected: await s.invoices.openReceivables(orgId, customer.id, currency),
        },
        {
          invariant: `customerBalances(receivables) = balanceOf, ${who}`,
          actual: receivables.get(customer.id) ?? 0,
          expected: ledgerReceivables,
        },
      );

      const grants = (await s.creditReads.listGrants(orgId, customer.id, { currency, limit: 100 })).data;
      const now = Date.now();
      const remaining = grants.reduce((sum, g) => sum + g.remainingAmount, 0);
      const spendable = grants
        .filter((g) => g.expiresAt === null || new Date(g.expiresAt).getTime() > now)
        .reduce((sum, g) => sum + g.remainingAmount, 0);
      const balance = await s.creditReads.balance(orgId, customer.id);
      comparisons.push(
        {
          invariant: `customer credit = Σ remaining of grants, ${who}`,
          actual: credit.get(customer.id) ?? 0,
          expected: remaining,
        },
        {
          invariant: `credit balance available = Σ remaining of unexpired grants, ${who}`,
          actual: balance.balances.find((b) => b.currency === currency)?.available ?? 0,
          expected: spendable,
        },
      );
    }
  }
  expect(comparisons.filter((c) => c.actual !== c.expected)).toEqual([]);
}
