import type Stripe from 'stripe';
import { Finding, findingAmount } from './reconciliation-matcher';
import { DISCREPANCY_KINDS, ReconciliationTotals } from './reconciliation-run.entity';

/** What a run counts while it reads: balance transactions, matched objects, findings. */
export class ReconciliationTally {
  readonly findings: Finding[] = [];
  private transactions = 0;
  private matched = 0;
  private readonly stripe: ReconciliationTotals['stripe'] = {};

  countTransaction(txn: Stripe.BalanceTransaction): void {
    this.transactions += 1;
    const currency = txn.currency.toUpperCase();
    const sums = (this.stripe[currency] ??= { gross: 0, fee: 0, net: 0 });
    sums.gross += txn.amount;
    sums.fee += txn.fee;
    sums.net += txn.net;
  }

  /** The findings of one compared object; none means it matched. */
  add(findings: Finding[]): void {
    if (findings.length === 0) this.matched += 1;
    this.findings.push(...findings);
  }

  totals(): ReconciliationTotals {
    const byKind = Object.fromEntries(
      DISCREPANCY_KINDS.map((kind) => [kind, { count: 0, amounts: {} }]),
    ) as ReconciliationTotals['byKind'];
    for (const finding of this.findings) {
      const entry = byKind[finding.kind];
      entry.count += 1;
      const weight = findingAmount(finding);
      if (weight) entry.amounts[weight.currency] = (entry.amounts[weight.currency] ?? 0) + weight.amount;
    }
    return {
      balanceTransactions: this.transactions,
      matched: this.matched,
      discrepancies: this.findings.length,
      byKind,
      stripe: this.stripe,
    };
  }
}
