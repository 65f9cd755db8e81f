import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionContext } from '@app/core';
import { startCoreContext } from '../../../../test/kit/core-context';
import { CHART_OF_ACCOUNTS } from '../chart/chart-of-accounts';
import { LedgerModule } from '../ledger.module';
import { LedgerAccount, PostJournalInput } from '../ledger.types';
import { LedgerService } from './ledger.service';

describe('LedgerService (Postgres)', () => {
  let context: INestApplicationContext;
  let ledger: LedgerService;
  let tx: TransactionContext;
  let db: DataSource;

  beforeAll(async () => {
    context = await startCoreContext([LedgerModule]);
    ledger = context.get(LedgerService);
    tx = context.get(TransactionContext);
    db = context.get(DataSource);
  });
  afterAll(() => context.close());

  const invoiceFinalized = (customerId: string, sourceId = randomUUID()): PostJournalInput => ({
    kind: 'invoice_finalized',
    sourceType: 'invoice',
    sourceId,
    currency: 'USD',
    occurredAt: new Date('2026-03-01T00:00:00Z'),
    lines: [
      { account: LedgerAccount.Receivables, customerId, debit: 1100 },
      { account: LedgerAccount.Revenue, credit: 1000 },
      { account: LedgerAccount.TaxPayable, credit: 100 },
    ],
  });

  const countOf = async (table: string, orgId: string): Promise<number> => {
    const [row] = await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]);
    return row.n;
  };

  it('posts many journals in one statement, skipping those already posted', async () => {
    const orgId = randomUUID();
    const customerId = randomUUID();
    const first = invoiceFinalized(customerId);
    await tx.run(() => ledger.post(orgId, first));
    const posted = await tx.run(() =>
      ledger.postMany(orgId, [first, invoiceFinalized(customerId), invoiceFinalized(customerId)]),
    );
    expect(posted).toBe(2);
    expect(await countOf('ledger_journals', orgId)).toBe(3);
    expect(await countOf('ledger_lines', orgId)).toBe(9);
    const receivables = { account: LedgerAccount.Receivables, customerId, currency: 'USD' };
    expect(await ledger.balanceOf(orgId, receivables)).toBe(3300);
    expect(await ledger.unbalancedJournals(orgId)).toEqual([]);
  });

  it('refuses a batch with an unbalanced journal before writing any of it', async () => {
    const orgId = randomUUID();
    const balanced = invoiceFinalized(randomUUID());
    const unbalanced = { ...balanced, sourceId: randomUUID(), lines: balanced.lines.slice(1) };
    await expect(tx.run(() => ledger.postMany(orgId, [balanced, unbalanced]))).rejects.toThrow(/debits/);
    expect(await countOf('ledger_journals', orgId)).toBe(0);
  });

  it('posts a journal with its lines and creates the org accounts', async () => {
    const orgId = randomUUID();
    const customerId = randomUUID();
    const { journalId } = await ledger.post(orgId, invoiceFinalized(customerId));

    const lines = await db.query(
      `SELECT account, customer_id, currency, debit::int, credit::int, occurred_at FROM ledger_lines
        WHERE journal_id = $1 ORDER BY account`,
      [journalId],
    );
    expect(lines).toEqual([
      {
        account: 'receivables',
        customer_id: customerId,
        currency: 'USD',
        debit: 1100,
        credit: 0,
        occurred_at: new Date('2026-03-01T00:00:00Z'),
      },
      expect.objectContaining({ account: 'revenue', customer_id: null, debit: 0, credit: 1000 }),
      expect.objectContaining({ account: 'tax_payable', customer_id: null, debit: 0, credit: 100 }),
    ]);
    expect(await countOf('ledger_accounts', orgId)).toBe(CHART_OF_ACCOUNTS.length);
    expect(
      await ledger.balanceOf(orgId, { account: LedgerAccount.Receivables, customerId, currency: 'USD' }),
    ).toBe(1100);
    expect(await ledger.balanceOf(orgId, { account: LedgerAccount.Revenue, currency: 'USD' })).toBe(1000);
    expect(await ledger.balanceOf(orgId, { account: LedgerAccount.Revenue, currency: 'EUR' })).toBe(0);
    expect(await ledger.unbalancedJournals(orgId)).toEqual([]);
  });

  it('replaying the same (kind, source) returns the first journal and writes nothing', async () => {
    const orgId = randomUUID();
    const input = invoiceFinalized(randomUUID());
    const first = await ledger.post(orgId, input);
    const replay = await ledger.post(orgId, { ...input, lines: [...input.lines].reverse(), memo: 'again' });

    expect(replay.journalId).toBe(first.journalId);
    expect(await countOf('ledger_journals', orgId)).toBe(1);
    expect(await countOf('ledger_lines', orgId)).toBe(3);
    expect(await countOf('ledger_accounts', orgId)).toBe(CHART_OF_ACCOUNTS.length);
  });

  it('posts concurrent replays of one event once', async () => {
    const orgId = randomUUID();
    const input = invoiceFinalized(randomUUID());
    const results = await Promise.all([1, 2, 3].map(() => tx.run(() => ledger.post(orgId, input))));

    expect(new Set(results.map((r) => r.journalId)).size).toBe(1);
    expect(await countOf('ledger_lines', orgId)).toBe(3);
  });

  it.each<[string, (input: PostJournalInput) => PostJournalInput]>([
    ['unbalanced', (i) => ({ ...i, lines: [...i.lines, { account: LedgerAccount.Discounts, debit: 1 }] })],
    [
      'a negative amount',
      (i) => ({ ...i, lines: [...i.lines.slice(0, 2), { account: LedgerAccount.TaxPayable, credit: -100 }] }),
    ],
    [
      'a fractional amount',
      (i) => ({
        ...i,
        lines: [...i.lines.slice(0, 2), { account: LedgerAccount.TaxPayable, credit: 100.5 }],
      }),
    ],
    [
      'a line with both sides',
      (i) => ({
        ...i,
        lines: [...i.lines.slice(0, 2), { account: LedgerAccount.TaxPayable, debit: 50, credit: 150 }],
      }),
    ],
    ['a line with no side', (i) => ({ ...i, lines: [...i.lines, { account: LedgerAccount.Refunds }] })],
    ['an unknown currency', (i) => ({ ...i, currency: 'XYZ' })],
    ['a lower-case currency', (i) => ({ ...i, currency: 'usd' })],
    ['a single line', (i) => ({ ...i, lines: [{ account: LedgerAccount.Revenue, credit: 1 }] })],
    [
      'receivables without a customer',
      (i) => ({ ...i, lines: i.lines.map((l) => ({ ...l, customerId: undefined })) }),
    ],
    [
      'an unknown account',
      (i) => ({ ...i, lines: [...i.lines.slice(0, 2), { account: 'cash' as LedgerAccount, credit: 100 }] }),
    ],
    [
      'an unsafe amount',
      (i) => ({
        ...i,
        lines: [
          { account: LedgerAccount.CashClearing, debit: Number.MAX_SAFE_INTEGER },
          { account: LedgerAccount.CashClearing, debit: Number.MAX_SAFE_INTEGER },
          { account: LedgerAccount.Revenue, credit: Number.MAX_SAFE_INTEGER },
          { account: LedgerAccount.Revenue, credit: Number.MAX_SAFE_INTEGER },
        ],
      }),
    ],
  ])('rejects %s with a plain Error and writes nothing', async (_, broken) => {
    const orgId = randomUUID();
    const attempt = ledger.post(orgId, broken(invoiceFinalized(randomUUID())));

    await expect(attempt).rejects.toThrow(Error);
    await expect(attempt).rejects.not.toHaveProperty('status');
    expect(await countOf('ledger_journals', orgId)).toBe(0);
    expect(await countOf('ledger_accounts', orgId)).toBe(0);
  });

  it("joins the caller's transaction: the caller's rollback removes the journal", async () => {
    const orgId = randomUUID();
    const failure = tx.run(async () => {
      await ledger.post(orgId, invoiceFinalized(randomUUID()));
      expect(await countOf('ledger_journals', orgId)).toBe(0); // not visible outside the transaction yet
      throw new Error('the business change failed');
    });

    await expect(failure).rejects.toThrow('the business change failed');
    expect(await countOf('ledger_journals', orgId)).toBe(0);
    expect(await countOf('ledger_lines', orgId)).toBe(0);
  });

  describe('database safety net', () => {
    const insertJournal = (orgId: string, lines: [number, number][]) =>
      db.transaction(async (manager) => {
        const [{ id }] = await manager.query(
          `INSERT INTO ledger_journals (id, org_id, kind, source_type, source_id, currency, occurred_at)
           VALUES (gen_random_uuid(), $1, 'credit_granted', 'test', gen_random_uuid()::text, 'USD', now())
           RETURNING id`,
          [orgId],
        );
        for (const [debit, credit] of lines)
          await manager.query(
            `INSERT INTO ledger_lines (id, org_id, journal_id, account, currency, debit, credit, occurred_at)
             VALUES (gen_random_uuid(), $1, $2, 'discounts', 'USD', $3, $4, now())`,
            [orgId, id, debit, credit],
          );
        // the lines are accepted statement by statement: the check runs at commit
        return id as string;
      });

    it('accepts a balanced journal written by hand', async () => {
      const orgId = randomUUID();
      await insertJournal(orgId, [
        [500, 0],
        [0, 300],
        [0, 200],
      ]);
      expect(await countOf('ledger_lines', orgId)).toBe(3);
    });

    it('rejects an unbalanced journal at commit', async () => {
      const orgId = randomUUID();
      await expect(
        insertJournal(orgId, [
          [500, 0],
          [0, 400],
        ]),
      ).rejects.toThrow(/unbalanced/);
      expect(await countOf('ledger_journals', orgId)).toBe(0);
    });

    it('rejects a journal without lines at commit', async () => {
      const orgId = randomUUID();
      await expect(insertJournal(orgId, [])).rejects.toThrow(/unbalanced/);
    });

    it('rejects a line with both sides or a negative amount', async () => {
      const orgId = randomUUID();
      await expect(insertJournal(orgId, [[5, 5]])).rejects.toThrow(/ledger_lines_one_side_check/);
      await expect(
        insertJournal(orgId, [
          [-5, 0],
          [0, -5],
        ]),
      ).rejects.toThrow(/ledger_lines_(debit|credit)_check/);
    });

    it('refuses to update or delete posted rows', async () => {
      const orgId = randomUUID();
      const { journalId } = await ledger.post(orgId, invoiceFinalized(randomUUID()));
      await expect(
        db.query(`UPDATE ledger_lines SET debit = debit + 1 WHERE journal_id = $1 AND debit > 0`, [
          journalId,
        ]),
      ).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM ledger_journals WHERE id = $1`, [journalId])).rejects.toThrow(
        /append-only/,
      );
    });
  });
});
