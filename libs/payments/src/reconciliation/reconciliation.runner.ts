import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { AppError, TransactionContext } from '@app/core';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { LocalRecordsReader, LocalRow, Period } from './local-records';
import {
  DISCREPANCY_OBJECT_TYPES,
  DiscrepancyObjectType,
  ReconciliationDiscrepancy,
} from './reconciliation-discrepancy.entity';
import { Finding, compare, missingAtStripe, missingLocally } from './reconciliation-matcher';
import { ReconciliationRun } from './reconciliation-run.entity';
import { ReconciliationTally } from './reconciliation-tally';
import {
  StripeRecord,
  chargeRecord,
  disputeRecord,
  intentRecord,
  mergeRecords,
  recordOfTransaction,
  refundRecord,
} from './stripe-records';

/** Local rows looked up per query. */
const LOOKUP_CHUNK = 500;
/** Discrepancies per INSERT, well below Postgres' limit of bind parameters. */
const INSERT_CHUNK = 1000;

const toSeconds = (at: Date): number => Math.ceil(at.getTime() / 1000);

const isMissing = (error: unknown): boolean =>
  error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404;

/** A failure the run records (Stripe down after the SDK's retries, Stripe disconnected), not a job retry. */
const isRunFailure = (error: unknown): error is Error =>
  error instanceof Stripe.errors.StripeError || (error instanceof AppError && error.status < 500);

/**
 * Runs a reconciliation run (docs/payments-reconciliation.md): reads the period's balance transactions from
 * Stripe, matches each payment, refund and dispute with its local row, then checks the local rows of the
 * period that Stripe did not list. The findings and totals are stored at once when the run completes, so a
 * failed run holds none and can simply run again.
 */
@Injectable()
export class ReconciliationRunner {
  private readonly logger = new Logger('reconciliation');

  constructor(
    private readonly tx: TransactionContext,
    private readonly accounts: StripeAccountsService,
    private readonly locals: LocalRecordsReader,
  ) {}

  async run(orgId: string, runId: string): Promise<void> {
    const run = await this.tx.manager.findOneBy(ReconciliationRun, { orgId, id: runId, status: 'running' });
    if (!run) return;
    const period = { start: run.periodStart, end: run.periodEnd };
    try {
      const tally = await this.reconcile(orgId, period);
      await this.complete(run, tally);
    } catch (error) {
      if (!isRunFailure(error)) throw error;
      this.logger.warn({ orgId, runId, error: error.message }, `reconciliation run ${runId} failed`);
      await this.tx.manager.update(
        ReconciliationRun,
        { id: runId, status: 'running' },
        { status: 'failed', error: error.message, completedAt: new Date() },
      );
    }
  }

  private async reconcile(orgId: string, period: Period): Promise<ReconciliationTally> {
    const { stripe } = await this.accounts.get(orgId);
    const tally = new ReconciliationTally();
    const records = new Map<string, StripeRecord>();
    const listing = stripe.balanceTransactions.list({
      created: { gte: toSeconds(period.start), lt: toSeconds(period.end) },
      limit: 100,
      expand: ['data.source'],
    });
    for await (const txn of listing) {
      tally.countTransaction(txn);
      const record = recordOfTransaction(txn);
      if (!record) continue;
      const key = `${record.objectType}:${record.providerId}`;
      const existing = records.get(key);
      records.set(key, existing ? mergeRecords(existing, record) : record);
    }
    for (const objectType of DISCREPANCY_OBJECT_TYPES) {
      const ofType = [...records.values()].filter((r) => r.objectType === objectType);
      const seen = await this.matchListed(orgId, objectType, ofType, tally);
      const unseen = await this.locals.unseenInPeriod(orgId, objectType, period, seen);
      for (const local of unseen) tally.add(await this.checkAtStripe(stripe, local));
    }
    return tally;
  }

  /** Matches Stripe's records with their local rows; returns the ids of the local rows matched. */
  private async matchListed(
    orgId: string,
    objectType: DiscrepancyObjectType,
    records: StripeRecord[],
    tally: ReconciliationTally,
  ): Promise<string[]> {
    const seen: string[] = [];
    for (let i = 0; i < records.length; i += LOOKUP_CHUNK) {
      const chunk = records.slice(i, i + LOOKUP_CHUNK);
      const rows = await this.locals.byProviderIds(
        orgId,
        objectType,
        chunk.flatMap((r) => r.lookupIds),
      );
      const byId = new Map(rows.flatMap((row) => row.lookupIds.map((id) => [id, row] as const)));
      for (const record of chunk) {
        const local = record.lookupIds.map((id) => byId.get(id)).find((row) => row !== undefined);
        if (local) seen.push(local.id);
        tally.add(local ? compare(record, local) : [missingLocally(record)]);
      }
    }
    return seen;
  }

  /**
   * A local row of the period that Stripe's list did not include: read the object itself. Absent → missing at
   * Stripe; present (its money moved in a neighbouring period, or never) → compared like a listed one.
   */
  private async checkAtStripe(stripe: Stripe, local: LocalRow): Promise<Finding[]> {
    if (!local.providerId) return [missingAtStripe(local, 'no Stripe id was recorded')];
    try {
      return compare(await this.readAtStripe(stripe, local), local);
    } catch (error) {
      if (isMissing(error)) return [missingAtStripe(local, `Stripe has no ${local.providerId}`)];
      throw error;
    }
  }

  private async readAtStripe(stripe: Stripe, local: LocalRow): Promise<StripeRecord> {
    if (local.objectType === 'refund') return refundRecord(await stripe.refunds.retrieve(local.providerId!));
    if (local.objectType === 'dispute') {
      const dispute = await stripe.disputes.retrieve(local.providerId!);
      const withdrawal = dispute.balance_transactions.find((t) => t.reporting_category === 'dispute');
      return disputeRecord(dispute, withdrawal ?? null);
    }
    if (local.chargeId) {
      const charge = await stripe.charges.retrieve(local.chargeId, { expand: ['balance_transaction'] });
      return chargeRecord(charge, balanceTransactionOf(charge));
    }
    const intent = await stripe.paymentIntents.retrieve(local.providerId!, {
      expand: ['latest_charge.balance_transaction'],
    });
    const charge = intent.latest_charge;
    return charge && typeof charge === 'object'
      ? chargeRecord(charge, balanceTransactionOf(charge))
      : intentRecord(intent);
  }

  /** Stores the findings and totals and completes the run, unless a concurrent attempt already did. */
  private async complete(run: ReconciliationRun, tally: ReconciliationTally): Promise<void> {
    await this.tx.run(async (manager) => {
      const { affected } = await manager.update(
        ReconciliationRun,
        { id: run.id, status: 'running' },
        { status: 'completed', totals: tally.totals(), completedAt: new Date(), error: null },
      );
      if (!affected) return;
      const rows = tally.findings.map((finding) => ({ ...finding, orgId: run.orgId, runId: run.id }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await manager.insert(
          ReconciliationDiscrepancy,
          rows.slice(i, i + INSERT_CHUNK).map((row) => manager.create(ReconciliationDiscrepancy, row)),
        );
    });
  }
}

const balanceTransactionOf = (charge: Stripe.Charge): Stripe.BalanceTransaction | null =>
  charge.balance_transaction && typeof charge.balance_transaction === 'object'
    ? charge.balance_transaction
    : null;
