import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import { startCoreContext } from '../../../../test/kit/core-context';
import { CUSTOMER_ACCOUNTS, normalSideBalance } from '../chart/chart-of-accounts';
import { LedgerModule } from '../ledger.module';
import { JOURNAL_KINDS, JournalLineInput, LedgerAccount, PostJournalInput } from '../ledger.types';
import { LedgerReportsService } from './ledger-reports.service';
import { LedgerService } from './ledger.service';

/** A fixed seed for CI, and one random run whose seed is printed on failure (replay with FC_SEED=…). */
const SEEDS = [20_260_115, Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31))];
const CURRENCIES = ['EUR', 'USD', 'JPY'];
const CUSTOMERS = [randomUUID(), randomUUID(), randomUUID()];
const DAYS = ['2026-01-05', '2026-01-20', '2026-02-03', '2026-02-28', '2026-03-15'].map(
  (d) => new Date(`${d}T08:00:00Z`),
);
const MIDDLE = DAYS[2];

interface Step {
  /** Replays the journal of an earlier step (same kind and source, whatever the lines) instead of a new one. */
  replayOf: number | null;
  journal: Omit<PostJournalInput, 'sourceId'>;
}

const line: fc.Arbitrary<JournalLineInput> = fc
  .record({
    account: fc.constantFrom(...Object.values(LedgerAccount)),
    customer: fc.constantFrom(...CUSTOMERS),
    withCustomer: fc.boolean(),
    amount: fc.integer({ min: 1, max: 10_000_000 }),
    debit: fc.boolean(),
  })
  .map(({ account, customer, withCustomer, amount, debit }) => ({
    account,
    customerId: CUSTOMER_ACCOUNTS.has(account) || withCustomer ? customer : null,
    ...(debit ? { debit: amount } : { credit: amount }),
  }));

/** Random lines plus one line on the short side that balances them (or a debit/credit pair when already even). */
const balancedLines = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 5 }), line)
  .map(([lines, closing]) => {
    const net = lines.reduce((sum, l) => sum + (l.debit ?? 0) - (l.credit ?? 0), 0);
    const { account, customerId } = closing;
    if (net > 0) return [...lines, { account, customerId, credit: net }];
    if (net < 0) return [...lines, { account, customerId, debit: -net }];
    const amount = closing.debit ?? closing.credit;
    return [...lines, { account, customerId, debit: amount }, { account, customerId, credit: amount }];
  });

const step: fc.Arbitrary<Step> = fc.record({
  replayOf: fc.option(fc.nat({ max: 20 }), { freq: 4 }),
  journal: fc.record({
    kind: fc.constantFrom(...JOURNAL_KINDS),
    sourceType: fc.constantFrom('invoice', 'credit_grant', 'payment'),
    currency: fc.constantFrom(...CURRENCIES),
    occurredAt: fc.constantFrom(...DAYS),
    lines: balancedLines,
  }),
});

type Sums = Map<string, { debit: number; credit: number }>;
const keyOf = (account: string, currency: string, customerId: string | null = null) =>
  `${account}|${currency}|${customerId ?? ''}`;
function add(sums: Sums, key: string, l: JournalLineInput): void {
  const sum = sums.get(key) ?? { debit: 0, credit: 0 };
  sums.set(key, { debit: sum.debit + (l.debit ?? 0), credit: sum.credit + (l.credit ?? 0) });
}

describe('ledger: properties over random postings', () => {
  let context: INestApplicationContext;
  let ledger: LedgerService;
  let reports: LedgerReportsService;

  beforeAll(async () => {
    context = await startCoreContext([LedgerModule]);
    ledger = context.get(LedgerService);
    reports = context.get(LedgerReportsService);
  });
  afterAll(() => context.close());

  const run = async (steps: Step[]) => {
    const orgId = randomUUID();
    const posted: { input: PostJournalInput; journalId: string }[] = [];
    const sums: Sums = new Map();

    for (const [index, s] of steps.entries()) {
      const original = s.replayOf === null || posted.length === 0 ? null : posted[s.replayOf % posted.length];
      const input: PostJournalInput = original
        ? {
            ...s.journal,
            kind: original.input.kind,
            sourceType: original.input.sourceType,
            sourceId: original.input.sourceId,
          }
        : { ...s.journal, sourceId: `src-${index}` };
      const { journalId } = await ledger.post(orgId, input);

      if (original) {
        expect(journalId).toBe(original.journalId); // a replay changes nothing
        continue;
      }
      posted.push({ input, journalId });
      for (const l of input.lines) {
        add(sums, keyOf(l.account, input.currency), l);
        if (l.customerId) add(sums, keyOf(l.account, input.currency, l.customerId), l);
      }
    }

    expect(await ledger.unbalancedJournals(orgId)).toEqual([]);
    expect((await reports.journals(orgId, { limit: 100 })).data).toHaveLength(posted.length);

    for (const [key, sum] of sums) {
      const [account, currency, customerId] = key.split('|') as [LedgerAccount, string, string];
      const expected = normalSideBalance(account, sum.debit, sum.credit);
      const query = { account, currency, ...(customerId ? { customerId } : {}) };
      expect(await ledger.balanceOf(orgId, query)).toBe(expected);
    }

    for (const from of [undefined, MIDDLE.toISOString()]) {
      const trial = await reports.trialBalance(orgId, { from });
      for (const section of trial.currencies) {
        expect(section.totals.debits).toBe(section.totals.credits);
        expect(section.totals.closingDebitBalances).toBe(section.totals.closingCreditBalances);
        for (const row of section.accounts) {
          const movement = normalSideBalance(row.account, row.debits, row.credits);
          expect(row.closingBalance).toBe(row.openingBalance + movement);
          const sum = sums.get(keyOf(row.account, section.currency))!;
          expect(row.closingBalance).toBe(normalSideBalance(row.account, sum.debit, sum.credit));
        }
      }
    }
  };

  for (const seed of SEEDS)
    it(`keeps every journal balanced, trial balances even, balances equal to the lines, replays inert (seed ${seed})`, async () => {
      try {
        await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), run), {
          seed,
          numRuns: 40,
        });
      } catch (error) {
        console.error(`Ledger property failed with seed ${seed} (replay with FC_SEED=${seed})`);
        throw error;
      }
    }, 120_000);
});
