import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Page, TransactionContext, paginateById, safeBigintTransformer } from '@app/core';
import { CustomersService } from '@app/customers';
import { CHART_OF_ACCOUNTS, accountDefinition, normalSideBalance } from '../chart/chart-of-accounts';
import { JournalQuery, PeriodQuery, StatementQuery, TrialBalanceQuery } from '../dto/ledger-query.dto';
import {
  CustomerStatementResponse,
  JournalResponse,
  LedgerAccountResponse,
  TrialBalanceAccountResponse,
  TrialBalanceCurrencyResponse,
  TrialBalanceResponse,
} from '../dto/ledger.response';
import { LedgerAccountRow } from '../entities/ledger-account.entity';
import { LedgerJournal } from '../entities/ledger-journal.entity';
import { LedgerLine } from '../entities/ledger-line.entity';
import { invalidPeriod } from '../ledger.errors';
import { JournalKind, LedgerAccount } from '../ledger.types';

const amount = (value: string | null): number => safeBigintTransformer.from(value ?? '0') as number;
const chartOrder = (code: LedgerAccount): number => CHART_OF_ACCOUNTS.findIndex((a) => a.code === code);
const STATEMENT_ACCOUNTS = [LedgerAccount.Receivables, LedgerAccount.CustomerCredit];

interface Period {
  from: Date | null;
  to: Date;
}

function periodOf(query: PeriodQuery): Period {
  const from = query.from ? new Date(query.from) : null;
  const to = query.to ? new Date(query.to) : new Date();
  if (from && from >= to) throw invalidPeriod();
  return { from, to };
}

interface TrialBalanceRow {
  currency: string;
  account: LedgerAccount;
  opening_debit: string;
  opening_credit: string;
  debits: string;
  credits: string;
}

interface StatementRow {
  occurred_at: Date;
  journal_id: string;
  kind: JournalKind;
  source_type: string;
  source_id: string;
  account: LedgerAccount;
  memo: string | null;
  debit: string;
  credit: string;
}

function trialBalanceOf(currency: string, rows: TrialBalanceRow[]): TrialBalanceCurrencyResponse {
  const totals = { debits: 0, credits: 0, closingDebitBalances: 0, closingCreditBalances: 0 };
  const accounts = rows
    .sort((a, b) => chartOrder(a.account) - chartOrder(b.account))
    .map((row): TrialBalanceAccountResponse => {
      const { code, name, type, normalBalance } = accountDefinition(row.account);
      const [openingDebit, openingCredit] = [amount(row.opening_debit), amount(row.opening_credit)];
      const [debits, credits] = [amount(row.debits), amount(row.credits)];
      const closingNet = openingDebit + debits - openingCredit - credits;
      totals.debits += debits;
      totals.credits += credits;
      if (closingNet > 0) totals.closingDebitBalances += closingNet;
      else totals.closingCreditBalances -= closingNet;
      return {
        account: code,
        name,
        type,
        normalBalance,
        openingBalance: normalSideBalance(code, openingDebit, openingCredit),
        debits,
        credits,
        closingBalance: normalSideBalance(code, openingDebit + debits, openingCredit + credits),
      };
    });
  return { currency, accounts, totals };
}

/** The ledger's read side: accounts with balances, trial balance, customer statements and journals. */
@Injectable()
export class LedgerReportsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly customers: CustomersService,
  ) {}

  /** The org's accounts (created on its first posting) with their normal-side balance per currency. */
  async accounts(orgId: string): Promise<LedgerAccountResponse[]> {
    const accounts = await this.tx.manager.findBy(LedgerAccountRow, { orgId });
    const balances = await this.tx.manager.query<
      { account: LedgerAccount; currency: string; debit: string; credit: string }[]
    >(
      `SELECT account, currency, sum(debit)::text AS debit, sum(credit)::text AS credit FROM ledger_lines
        WHERE org_id = $1 GROUP BY account, currency ORDER BY currency`,
      [orgId],
    );
    return accounts
      .sort((a, b) => chartOrder(a.code) - chartOrder(b.code))
      .map((a) => ({
        id: a.id,
        code: a.code,
        name: a.name,
        type: a.type,
        normalBalance: a.normalBalance,
        balances: balances
          .filter((b) => b.account === a.code)
          .map((b) => ({
            currency: b.currency,
            balance: normalSideBalance(a.code, amount(b.debit), amount(b.credit)),
          })),
      }));
  }

  /** Per currency and account: opening balance, the period's debits and credits, closing balance. */
  async trialBalance(orgId: string, query: TrialBalanceQuery): Promise<TrialBalanceResponse> {
    const { from, to } = periodOf(query);
    const rows = await this.tx.manager.query<TrialBalanceRow[]>(
      `SELECT currency, account,
              coalesce(sum(debit) FILTER (WHERE occurred_at < $2), 0)::text AS opening_debit,
              coalesce(sum(credit) FILTER (WHERE occurred_at < $2), 0)::text AS opening_credit,
              coalesce(sum(debit) FILTER (WHERE occurred_at >= $2), 0)::text AS debits,
              coalesce(sum(credit) FILTER (WHERE occurred_at >= $2), 0)::text AS credits
         FROM ledger_lines
        WHERE org_id = $1 AND occurred_at < $3 AND ($4::text IS NULL OR currency = $4)
        GROUP BY currency, account`,
      [orgId, from ?? '-infinity', to, query.currency ?? null],
    );
    const currencies = [
      ...new Set([...rows.map((r) => r.currency), ...(query.currency ? [query.currency] : [])]),
    ];
    return {
      from,
      to,
      currencies: currencies.sort().map((currency) =>
        trialBalanceOf(
          currency,
          rows.filter((r) => r.currency === currency),
        ),
      ),
    };
  }

  /**
   * The customer's receivables and credit movements in one currency, with a running balance of what the
   * customer owes net of unspent credit. 404 when the customer is not the org's.
   */
  async customerStatement(
    orgId: string,
    customerId: string,
    query: StatementQuery,
  ): Promise<CustomerStatementResponse> {
    const customer = await this.customers.get(orgId, customerId);
    const { from, to } = periodOf(query);
    const currency = query.currency ?? customer.currency;
    const params = [orgId, customer.id, currency, STATEMENT_ACCOUNTS, from ?? '-infinity', to];
    const [opening] = await this.tx.manager.query<{ balance: string }[]>(
      `SELECT coalesce(sum(debit - credit), 0)::text AS balance FROM ledger_lines
        WHERE org_id = $1 AND customer_id = $2 AND currency = $3 AND account = ANY($4) AND occurred_at < $5`,
      params.slice(0, 5),
    );
    const lines = await this.tx.manager.query<StatementRow[]>(
      `SELECT l.occurred_at, l.journal_id, j.kind, j.source_type, j.source_id, l.account, j.memo,
              l.debit::text AS debit, l.credit::text AS credit
         FROM ledger_lines l JOIN ledger_journals j ON j.id = l.journal_id
        WHERE l.org_id = $1 AND l.customer_id = $2 AND l.currency = $3 AND l.account = ANY($4)
          AND l.occurred_at >= $5 AND l.occurred_at < $6
        ORDER BY l.occurred_at, l.journal_id, l.id`,
      params,
    );
    const openingBalance = amount(opening.balance);
    let balance = openingBalance;
    const entries = lines.map((l) => {
      const [debit, credit] = [amount(l.debit), amount(l.credit)];
      balance += debit - credit;
      return {
        occurredAt: l.occurred_at,
        journalId: l.journal_id,
        kind: l.kind,
        sourceType: l.source_type,
        sourceId: l.source_id,
        account: l.account,
        memo: l.memo,
        debit,
        credit,
        balance,
      };
    });
    return { customerId: customer.id, currency, from, to, openingBalance, closingBalance: balance, entries };
  }

  /** Journals newest first, with their lines; filters combine with AND. */
  async journals(orgId: string, query: JournalQuery): Promise<Page<JournalResponse>> {
    const qb = this.tx.manager.createQueryBuilder(LedgerJournal, 'j').where('j.org_id = :orgId', { orgId });
    if (query.kind) qb.andWhere('j.kind = :kind', { kind: query.kind });
    if (query.sourceType) qb.andWhere('j.source_type = :sourceType', { sourceType: query.sourceType });
    if (query.sourceId) qb.andWhere('j.source_id = :sourceId', { sourceId: query.sourceId });
    if (query.customerId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM ledger_lines l WHERE l.journal_id = j.id AND l.org_id = :orgId AND l.customer_id = :customerId)',
        { customerId: query.customerId },
      );
    const page = await paginateById(qb, query);
    const lines = page.data.length
      ? await this.tx.manager.find(LedgerLine, {
          where: { orgId, journalId: In(page.data.map((j) => j.id)) },
          order: { id: 'ASC' },
        })
      : [];
    return {
      ...page,
      data: page.data.map((j) => ({
        id: j.id,
        kind: j.kind,
        sourceType: j.sourceType,
        sourceId: j.sourceId,
        currency: j.currency,
        occurredAt: j.occurredAt,
        memo: j.memo,
        createdAt: j.createdAt,
        lines: lines
          .filter((l) => l.journalId === j.id)
          .map((l) => ({
            id: l.id,
            account: l.account,
            customerId: l.customerId,
            debit: l.debit,
            credit: l.credit,
          })),
      })),
    };
  }
}
