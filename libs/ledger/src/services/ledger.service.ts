import { Injectable } from '@nestjs/common';
import { TransactionContext, newId, safeBigintTransformer } from '@app/core';
import { CHART_OF_ACCOUNTS, normalSideBalance } from '../chart/chart-of-accounts';
import { BalanceQuery, PostJournalInput } from '../ledger.types';
import { validateJournal } from './journal-validation';

/**
 * One statement for any number of journals: creates the org's accounts if missing, inserts each journal unless
 * its (kind, source) was posted before, and the lines of the journals actually inserted (they join them).
 */
const POST_JOURNALS_SQL = `
  WITH accounts AS (
    INSERT INTO ledger_accounts (id, org_id, code, name, type, normal_balance)
    SELECT a.id, $1, a.code, a.name, a.type, a.normal_balance
      FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS a(id, code, name, type, normal_balance)
    ON CONFLICT (org_id, code) DO NOTHING
  ), journals AS (
    INSERT INTO ledger_journals (id, org_id, kind, source_type, source_id, currency, occurred_at, memo)
    SELECT j.id, $1, j.kind, j.source_type, j.source_id, j.currency, j.occurred_at, j.memo
      FROM unnest($7::uuid[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[],
                  $13::text[]) AS j(id, kind, source_type, source_id, currency, occurred_at, memo)
    ON CONFLICT (org_id, kind, source_type, source_id) DO NOTHING
    RETURNING id, currency, occurred_at
  ), lines AS (
    INSERT INTO ledger_lines (id, org_id, journal_id, account, customer_id, currency, debit, credit, occurred_at)
    SELECT l.id, $1, journals.id, l.account, l.customer_id, journals.currency, l.debit, l.credit, journals.occurred_at
      FROM unnest($14::uuid[], $15::uuid[], $16::text[], $17::uuid[], $18::bigint[], $19::bigint[])
           AS l(id, journal_id, account, customer_id, debit, credit)
      JOIN journals ON journals.id = l.journal_id
  )
  SELECT id FROM journals`;

/** The chart of accounts as the statements' $2–$6, with fresh ids for the accounts that do not exist yet. */
const accountParams = (): unknown[] => [
  CHART_OF_ACCOUNTS.map(() => newId()),
  CHART_OF_ACCOUNTS.map((a) => a.code),
  CHART_OF_ACCOUNTS.map((a) => a.name),
  CHART_OF_ACCOUNTS.map((a) => a.type),
  CHART_OF_ACCOUNTS.map((a) => a.normalBalance),
];

const toSafeNumber = (value: string | null): number => safeBigintTransformer.from(value ?? '0') as number;

/** Posts balanced journals in the caller's transaction (TransactionContext) and reads balances. */
@Injectable()
export class LedgerService {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Posts one journal inside the current transaction. Throws when debits ≠ credits, a line is not a positive
   * safe integer, or the currency is invalid. Posting the same (kind, sourceType, sourceId) twice is a no-op
   * that returns the first journal's id.
   */
  async post(orgId: string, input: PostJournalInput): Promise<{ journalId: string }> {
    const [inserted] = await this.insertJournals(orgId, [input]);
    if (inserted) return { journalId: inserted };
    const [existing] = await this.tx.manager.query<{ id: string }[]>(
      `SELECT id FROM ledger_journals WHERE org_id = $1 AND kind = $2 AND source_type = $3 AND source_id = $4`,
      [orgId, input.kind, input.sourceType, input.sourceId],
    );
    return { journalId: existing.id };
  }

  /**
   * Posts many journals of one organisation inside the current transaction in one statement (a billing
   * batch's invoices), each validated like `post` before anything is written. A journal whose (kind, sourceType,
   * sourceId) was posted before is skipped. Returns how many journals were inserted.
   */
  async postMany(orgId: string, inputs: PostJournalInput[]): Promise<number> {
    if (inputs.length === 0) return 0;
    return (await this.insertJournals(orgId, inputs)).length;
  }

  /** Validates every journal, then inserts them in one statement; returns the ids of those inserted. */
  private async insertJournals(orgId: string, inputs: PostJournalInput[]): Promise<string[]> {
    const journals = inputs.map((input) => ({ input, id: newId(), lines: validateJournal(input) }));
    const lines = journals.flatMap((journal) =>
      journal.lines.map((line) => ({ journalId: journal.id, line })),
    );
    const now = new Date();
    const inserted = await this.tx.manager.query<{ id: string }[]>(POST_JOURNALS_SQL, [
      orgId,
      ...accountParams(),
      journals.map((j) => j.id),
      journals.map((j) => j.input.kind),
      journals.map((j) => j.input.sourceType),
      journals.map((j) => j.input.sourceId),
      journals.map((j) => j.input.currency),
      journals.map((j) => j.input.occurredAt ?? now),
      journals.map((j) => j.input.memo ?? null),
      lines.map(() => newId()),
      lines.map((l) => l.journalId),
      lines.map((l) => l.line.account),
      lines.map((l) => l.line.customerId),
      lines.map((l) => l.line.debit),
      lines.map((l) => l.line.credit),
    ]);
    return inserted.map((row) => row.id);
  }

  /**
   * The balance on the account's normal side (debit − credit for assets, expenses and discounts; credit − debit
   * for liabilities and revenue), for one customer or, without `customerId`, the whole account.
   */
  async balanceOf(orgId: string, query: BalanceQuery): Promise<number> {
    const params: unknown[] = [orgId, query.account, query.currency];
    if (query.customerId !== undefined) params.push(query.customerId);
    const [row] = await this.tx.manager.query<{ debit: string | null; credit: string | null }[]>(
      `SELECT sum(debit)::text AS debit, sum(credit)::text AS credit FROM ledger_lines
        WHERE org_id = $1 AND account = $2 AND currency = $3 ${params.length > 3 ? 'AND customer_id = $4' : ''}`,
      params,
    );
    return normalSideBalance(query.account, toSafeNumber(row.debit), toSafeNumber(row.credit));
  }

  /** Every customer's normal-side balance of a customer-level account (customers with no line are absent). */
  async customerBalances(
    orgId: string,
    query: Omit<BalanceQuery, 'customerId'>,
  ): Promise<Map<string, number>> {
    const rows = await this.tx.manager.query<{ customer_id: string; debit: string; credit: string }[]>(
      `SELECT customer_id, sum(debit)::text AS debit, sum(credit)::text AS credit FROM ledger_lines
        WHERE org_id = $1 AND account = $2 AND currency = $3 AND customer_id IS NOT NULL
        GROUP BY customer_id`,
      [orgId, query.account, query.currency],
    );
    return new Map(
      rows.map((r) => [
        r.customer_id,
        normalSideBalance(query.account, toSafeNumber(r.debit), toSafeNumber(r.credit)),
      ]),
    );
  }

  /** Ids of the org's journals whose debits ≠ credits or that have fewer than two lines (always [] unless a bug). */
  async unbalancedJournals(orgId: string): Promise<string[]> {
    const rows = await this.tx.manager.query<{ id: string }[]>(
      `SELECT j.id FROM ledger_journals j LEFT JOIN ledger_lines l ON l.journal_id = j.id
        WHERE j.org_id = $1
        GROUP BY j.id
       HAVING count(l.id) < 2 OR coalesce(sum(l.debit), 0) <> coalesce(sum(l.credit), 0)
        ORDER BY j.id`,
      [orgId],
    );
    return rows.map((r) => r.id);
  }
}
