import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppError, TransactionContext, isUuid, newId } from '@app/core';
import { CustomersService } from '@app/customers';
import { LedgerAccount, LedgerService } from '@app/ledger';
import {
  ApplyCreditsInput,
  CreditApplicationView,
  GrantCreditInput,
  CreditGrantType,
} from '../credits.types';
import { CreditsError, CreditsErrorCode, creditGrantNotFound, invalidField } from '../credits.errors';
import {
  DEFAULT_FUNDING_ACCOUNT,
  applicationJournal,
  expiryJournal,
  grantJournal,
  restorationJournal,
  voidJournal,
} from '../credits.postings';
import { CreditGrant } from '../entities/credit-grant.entity';
import { CreditApplication } from '../entities/credit-application.entity';
import { CreditAdjustment, CreditAdjustmentKind } from '../entities/credit-adjustment.entity';
import { CreditedInvoice } from '../entities/credited-invoice.entity';
import { assertValidApplication, assertValidGrant } from '../validation/credit-input';

const EXPIRY_BATCH = 100;

/** The columns of a grant needed to move its money, as raw SQL returns them. */
interface GrantRow {
  id: string;
  org_id: string;
  customer_id: string;
  currency: string;
  type: CreditGrantType;
  funding_account: LedgerAccount;
  remaining_amount: string;
  status: string;
}

/** Memo of whether a customer has credit to spend in a currency; false only after `preloadHolders` said so. */
const holderKey = (orgId: string, customerId: string, currency: string): string =>
  `credit-holder:${orgId}:${customerId}:${currency}`;

const toApplicationView = (a: CreditApplication): CreditApplicationView => ({
  id: a.id,
  grantId: a.grantId,
  invoiceId: a.invoiceId,
  amount: a.amount,
  currency: a.currency,
  createdAt: a.createdAt,
});

/**
 * The customer wallet. Every method joins the caller's transaction (TransactionContext) and posts the ledger
 * in it. Every change of a grant's remaining amount is one conditional UPDATE, so concurrent spends, expiries
 * and voids can never take the same credit twice.
 */
@Injectable()
export class CreditsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly customers: CustomersService,
    private readonly ledger: LedgerService,
  ) {}

  /** Creates a grant and posts (Dr funding account, Cr customer credit). Returns the grant id. */
  async grant(orgId: string, input: GrantCreditInput, now = new Date()): Promise<{ grantId: string }> {
    assertValidGrant(input, now);
    return this.tx.run(async (manager) => {
      await this.assertCustomer(orgId, input.customerId);
      const grant = manager.create(CreditGrant, {
        id: newId(),
        orgId,
        customerId: input.customerId,
        currency: input.currency,
        amount: input.amount,
        remainingAmount: input.amount,
        expiredAmount: 0,
        voidedAmount: 0,
        type: input.type,
        fundingAccount: input.fundingAccount ?? DEFAULT_FUNDING_ACCOUNT[input.type],
        source: input.source,
        sourceId: input.sourceId ?? null,
        description: input.description ?? null,
        expiresAt: input.expiresAt ?? null,
        priority: input.priority ?? 0,
        grantedBy: input.grantedBy ?? null,
        status: 'active',
      });
      await manager.insert(CreditGrant, grant);
      this.tx.forget(holderKey(orgId, grant.customerId, grant.currency));
      await this.ledger.post(orgId, grantJournal(grant));
      return { grantId: grant.id };
    });
  }

  /**
   * Spends the customer's grants in `currency` on an invoice being finalized (priority, then earliest expiry,
   * then oldest), up to `maxAmount`, with conditional updates so two invoices never spend the same credit.
   * Records every application and posts (Dr customer credit, Cr receivables) per application. Applying to
   * the same invoice again applies nothing and returns the first call's applications.
   */
  async applyToInvoice(
    orgId: string,
    input: ApplyCreditsInput,
  ): Promise<{ applied: number; applications: CreditApplicationView[] }> {
    assertValidApplication(input);
    return this.tx.run(async (manager) => {
      const holds = await this.tx.memo(holderKey(orgId, input.customerId, input.currency), async () => true);
      if (!holds) return { applied: 0, applications: [] };
      if (!(await this.claimInvoice(manager, orgId, input))) {
        const existing = await manager.find(CreditApplication, {
          where: { orgId, invoiceId: input.invoiceId },
          order: { id: 'ASC' },
        });
        const applied = existing.filter((a) => !a.restoredAt).reduce((sum, a) => sum + a.amount, 0);
        return { applied, applications: existing.map(toApplicationView) };
      }
      const applications: CreditApplication[] = [];
      let left = input.maxAmount;
      while (left > 0) {
        const next = await this.nextSpendableGrant(manager, orgId, input);
        if (!next) break;
        const amount = Math.min(left, Number(next.remaining_amount));
        // 0 rows: another transaction spent, expired or voided it meanwhile; read again and go on.
        if (!(await this.spend(manager, next.id, amount))) continue;
        const application = manager.create(CreditApplication, {
          id: newId(),
          orgId,
          grantId: next.id,
          invoiceId: input.invoiceId,
          customerId: input.customerId,
          amount,
          currency: input.currency,
          restoredAt: null,
        });
        await manager.insert(CreditApplication, application);
        await this.ledger.post(orgId, applicationJournal(application));
        applications.push(application);
        left -= amount;
      }
      const applied = input.maxAmount - left;
      await manager.update(CreditedInvoice, { orgId, invoiceId: input.invoiceId }, { applied });
      return { applied, applications: applications.map(toApplicationView) };
    });
  }

  /**
   * For a billing batch: finds in one statement which of the customers have credit to spend in `currency`
   * now; for the rest of the transaction `applyToInvoice` for the others applies nothing without a
   * statement (and records no claim: the invoice is finalized once, in this transaction).
   */
  async preloadHolders(orgId: string, customerIds: readonly string[], currency: string): Promise<void> {
    const ids = [...new Set(customerIds)].filter((id) => isUuid(id));
    if (ids.length === 0) return;
    const rows: { customer_id: string }[] = await this.tx.manager.query(
      `SELECT DISTINCT customer_id FROM credit_grants
       WHERE org_id = $1 AND customer_id = ANY($2::uuid[]) AND currency = $3 AND remaining_amount > 0
         AND (expires_at IS NULL OR expires_at > now())`,
      [orgId, ids, currency],
    );
    const holders = new Set(rows.map((row) => row.customer_id));
    for (const id of ids)
      await this.tx.memo(holderKey(orgId, id, currency), () => Promise.resolve(holders.has(id)));
  }

  /**
   * Gives back what an invoice consumed (the invoice is being voided) and posts the reversal. The amount
   * returns to its grant even when the grant has expired since (the expiry job expires it again on its next
   * run); returned to a voided grant, it is voided again at once. Restoring twice restores nothing.
   */
  async restoreForInvoice(orgId: string, invoiceId: string): Promise<{ restored: number }> {
    if (!isUuid(invoiceId)) return { restored: 0 };
    return this.tx.run(async (manager) => {
      const rows: Array<{
        id: string;
        grant_id: string;
        customer_id: string;
        currency: string;
        amount: string;
      }> = await manager.query(
        `WITH restored AS (
             UPDATE credit_applications SET restored_at = now(), updated_at = now()
             WHERE org_id = $1 AND invoice_id = $2 AND restored_at IS NULL
             RETURNING id, grant_id, customer_id, currency, amount)
           SELECT * FROM restored ORDER BY id`,
        [orgId, invoiceId],
      );
      let restored = 0;
      for (const row of rows) {
        const amount = Number(row.amount);
        const [grant]: GrantRow[] = await manager.query(
          `WITH g AS (
             UPDATE credit_grants
             SET remaining_amount = remaining_amount + $3,
                 status = CASE WHEN status = 'voided' THEN 'voided' ELSE 'active' END,
                 updated_at = now()
             WHERE org_id = $1 AND id = $2
             RETURNING *)
           SELECT * FROM g`,
          [orgId, row.grant_id, amount],
        );
        this.tx.forget(holderKey(orgId, row.customer_id, row.currency));
        const movement = { id: row.id, customerId: row.customer_id, currency: row.currency, amount };
        await this.ledger.post(orgId, restorationJournal(movement));
        if (grant.status === 'voided') await this.removeRemainder(manager, grant, 'void');
        restored += amount;
      }
      return { restored };
    });
  }

  /**
   * Voids what remains of a grant (Dr customer credit, Cr funding account for the remainder). Credit it gave
   * to invoices stays applied. A voided grant cannot be voided again (409).
   */
  async voidGrant(orgId: string, grantId: string): Promise<void> {
    if (!isUuid(grantId)) throw creditGrantNotFound(grantId);
    await this.tx.run(async (manager) => {
      const [grant]: GrantRow[] = await manager.query(
        'SELECT * FROM credit_grants WHERE org_id = $1 AND id = $2 FOR UPDATE',
        [orgId, grantId],
      );
      if (!grant) throw creditGrantNotFound(grantId);
      if (grant.status === 'voided')
        throw new CreditsError(
          409,
          CreditsErrorCode.CreditGrantVoided,
          `Credit grant ${grantId} is already voided.`,
        );
      await this.removeRemainder(manager, grant, 'void');
    });
  }

  /**
   * Expires what remains of every grant past its expiry, in batches locked with SKIP LOCKED so several
   * workers can share the work. Running it again finds nothing to do. Returns how many grants it expired.
   */
  async expireDue(): Promise<number> {
    let expired = 0;
    for (;;) {
      const count = await this.tx.run(async (manager) => {
        const due: GrantRow[] = await manager.query(
          `SELECT * FROM credit_grants
           WHERE remaining_amount > 0 AND expires_at IS NOT NULL AND expires_at <= now()
           ORDER BY expires_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED`,
          [EXPIRY_BATCH],
        );
        for (const grant of due) await this.removeRemainder(manager, grant, 'expiry');
        return due.length;
      });
      expired += count;
      if (count < EXPIRY_BATCH) return expired;
    }
  }

  /** A 422 naming `customerId` unless the customer is one of the organisation's. */
  private async assertCustomer(orgId: string, customerId: string): Promise<void> {
    try {
      await this.customers.get(orgId, customerId);
    } catch (error) {
      if (error instanceof AppError && error.status === 404)
        throw invalidField(CreditsErrorCode.InvalidCreditGrant, 'customerId', 'no such customer');
      throw error;
    }
  }

  /**
   * Records that credits are being applied to the invoice; false when they already were. A racing second
   * call waits on the primary key until the first commits, then finds the row.
   */
  private async claimInvoice(
    manager: EntityManager,
    orgId: string,
    input: ApplyCreditsInput,
  ): Promise<boolean> {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO credited_invoices (org_id, invoice_id, customer_id, currency, applied)
       VALUES ($1, $2, $3, $4, 0)
       ON CONFLICT (org_id, invoice_id) DO NOTHING
       RETURNING invoice_id`,
      [orgId, input.invoiceId, input.customerId, input.currency],
    );
    return claimed.length === 1;
  }

  private async nextSpendableGrant(
    manager: EntityManager,
    orgId: string,
    input: ApplyCreditsInput,
  ): Promise<Pick<GrantRow, 'id' | 'remaining_amount'> | undefined> {
    const [grant]: Array<Pick<GrantRow, 'id' | 'remaining_amount'>> = await manager.query(
      `SELECT id, remaining_amount FROM credit_grants
       WHERE org_id = $1 AND customer_id = $2 AND currency = $3 AND remaining_amount > 0
         AND (expires_at IS NULL OR expires_at > now())
       ORDER BY priority, expires_at NULLS LAST, created_at, id
       LIMIT 1`,
      [orgId, input.customerId, input.currency],
    );
    return grant;
  }

  /** Takes `amount` from a grant if it still has it and has not expired; false when it did not. */
  private async spend(manager: EntityManager, grantId: string, amount: number): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `WITH spent AS (
         UPDATE credit_grants
         SET remaining_amount = remaining_amount - $2,
             status = CASE WHEN remaining_amount = $2 THEN 'depleted' ELSE status END,
             updated_at = now()
         WHERE id = $1 AND remaining_amount >= $2 AND (expires_at IS NULL OR expires_at > now())
         RETURNING id)
       SELECT id FROM spent`,
      [grantId, amount],
    );
    return rows.length === 1;
  }

  /**
   * Moves a locked grant's whole remaining amount to expired or voided, records the adjustment and posts its
   * journal. Nothing to post when nothing remains (a void of a depleted grant only changes its status).
   */
  private async removeRemainder(
    manager: EntityManager,
    grant: GrantRow,
    kind: CreditAdjustmentKind,
  ): Promise<void> {
    const amount = Number(grant.remaining_amount);
    const column = kind === 'expiry' ? 'expired_amount' : 'voided_amount';
    const status = kind === 'expiry' ? 'expired' : 'voided';
    await manager.query(
      `UPDATE credit_grants
       SET ${column} = ${column} + remaining_amount, remaining_amount = 0, status = $2, updated_at = now()
       WHERE id = $1`,
      [grant.id, status],
    );
    if (amount === 0) return;
    const adjustment = manager.create(CreditAdjustment, {
      id: newId(),
      orgId: grant.org_id,
      grantId: grant.id,
      customerId: grant.customer_id,
      kind,
      amount,
      currency: grant.currency,
    });
    await manager.insert(CreditAdjustment, adjustment);
    await this.ledger.post(
      grant.org_id,
      kind === 'expiry'
        ? expiryJournal(adjustment, grant.type)
        : voidJournal(adjustment, grant.funding_account),
    );
  }
}
