import { Injectable } from '@nestjs/common';
import {
  AppError,
  CoreErrorCode,
  Page,
  TransactionContext,
  decodeCursor,
  isUuid,
  paginateById,
  toPage,
} from '@app/core';
import { CustomersService } from '@app/customers';
import { creditGrantNotFound } from '../credits.errors';
import { CreditGrant } from '../entities/credit-grant.entity';
import { CreditGrantQuery, CreditHistoryQuery } from '../dto/credit-grant.dto';
import {
  CreditBalanceResponse,
  CreditGrantResponse,
  CreditHistoryEntryResponse,
  CreditHistoryKind,
} from '../dto/credit.response';

export const toCreditGrantResponse = (g: CreditGrant): CreditGrantResponse => ({
  id: g.id,
  customerId: g.customerId,
  currency: g.currency,
  amount: g.amount,
  remainingAmount: g.remainingAmount,
  expiredAmount: g.expiredAmount,
  voidedAmount: g.voidedAmount,
  type: g.type,
  fundingAccount: g.fundingAccount,
  source: g.source,
  sourceId: g.sourceId,
  description: g.description,
  expiresAt: g.expiresAt,
  priority: g.priority,
  grantedBy: g.grantedBy,
  status: g.status,
  createdAt: g.createdAt,
  updatedAt: g.updatedAt,
});

const safeNumber = (value: string | number): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`amount ${value} does not fit a safe JS integer`);
  return n;
};

/** The customer's grants, applications, restorations and expiries/voids as one time line. */
const HISTORY_SQL = `
  SELECT h.*, h.at::text AS at_key FROM (
    SELECT 'grant' AS kind, g.id, g.id AS grant_id, NULL::uuid AS invoice_id, g.amount, g.currency,
           g.created_at AS at
    FROM credit_grants g WHERE g.org_id = $1 AND g.customer_id = $2
    UNION ALL
    SELECT 'application', a.id, a.grant_id, a.invoice_id, -a.amount, a.currency, a.created_at
    FROM credit_applications a WHERE a.org_id = $1 AND a.customer_id = $2
    UNION ALL
    SELECT 'restoration', a.id, a.grant_id, a.invoice_id, a.amount, a.currency, a.restored_at
    FROM credit_applications a WHERE a.org_id = $1 AND a.customer_id = $2 AND a.restored_at IS NOT NULL
    UNION ALL
    SELECT x.kind, x.id, x.grant_id, NULL::uuid, -x.amount, x.currency, x.created_at
    FROM credit_adjustments x WHERE x.org_id = $1 AND x.customer_id = $2
  ) h
  WHERE ($3::char(3) IS NULL OR h.currency = $3)
    AND ($4::timestamptz IS NULL OR (h.at, h.id, h.kind) < ($4::timestamptz, $5::uuid, $6::text))
  ORDER BY h.at DESC, h.id DESC, h.kind DESC
  LIMIT $7`;

interface HistoryRow {
  kind: CreditHistoryKind;
  id: string;
  grant_id: string;
  invoice_id: string | null;
  amount: string;
  currency: string;
  at: Date;
  at_key: string;
}

/** `timestamptz::text`, which keeps the microseconds a JS Date would lose. */
const POSTGRES_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

interface HistoryCursor {
  at?: unknown;
  id?: unknown;
  kind?: unknown;
}

/** Read side of the wallet: grants, balances and history, each scoped to one organisation. */
@Injectable()
export class CreditReadsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly customers: CustomersService,
  ) {}

  /** A 404 unless the customer is one of the organisation's. */
  async assertCustomer(orgId: string, customerId: string): Promise<void> {
    await this.customers.get(orgId, customerId);
  }

  async getGrant(orgId: string, id: string): Promise<CreditGrantResponse> {
    const grant = isUuid(id) ? await this.tx.manager.findOneBy(CreditGrant, { orgId, id }) : null;
    if (!grant) throw creditGrantNotFound(id);
    return toCreditGrantResponse(grant);
  }

  /** The customer's grants, newest first. A customer of another organisation is a 404. */
  async listGrants(
    orgId: string,
    customerId: string,
    query: CreditGrantQuery,
  ): Promise<Page<CreditGrantResponse>> {
    await this.assertCustomer(orgId, customerId);
    const qb = this.tx.manager
      .createQueryBuilder(CreditGrant, 'g')
      .where('g.org_id = :orgId AND g.customer_id = :customerId', { orgId, customerId });
    if (query.status) qb.andWhere('g.status = :status', { status: query.status });
    if (query.currency) qb.andWhere('g.currency = :currency', { currency: query.currency });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toCreditGrantResponse) };
  }

  /** Per currency: what the customer can spend now, and what expires first. */
  async balance(orgId: string, customerId: string): Promise<CreditBalanceResponse> {
    await this.assertCustomer(orgId, customerId);
    const rows: Array<{
      currency: string;
      available: string;
      next_expires_at: Date | null;
      next_expiring_amount: string;
    }> = await this.tx.manager.query(
      `WITH live AS (
         SELECT currency, remaining_amount, expires_at FROM credit_grants
         WHERE org_id = $1 AND customer_id = $2 AND remaining_amount > 0
           AND (expires_at IS NULL OR expires_at > now())),
       next AS (SELECT currency, MIN(expires_at) AS at FROM live GROUP BY currency)
       SELECT l.currency, SUM(l.remaining_amount) AS available, n.at AS next_expires_at,
              COALESCE(SUM(l.remaining_amount) FILTER (WHERE l.expires_at = n.at), 0) AS next_expiring_amount
       FROM live l JOIN next n USING (currency)
       GROUP BY l.currency, n.at
       ORDER BY l.currency`,
      [orgId, customerId],
    );
    return {
      customerId,
      balances: rows.map((r) => ({
        currency: r.currency,
        available: safeNumber(r.available),
        nextExpiresAt: r.next_expires_at,
        nextExpiringAmount: safeNumber(r.next_expiring_amount),
      })),
    };
  }

  /** Grants, applications, restorations, expiries and voids, newest first. */
  async history(
    orgId: string,
    customerId: string,
    query: CreditHistoryQuery,
  ): Promise<Page<CreditHistoryEntryResponse>> {
    await this.assertCustomer(orgId, customerId);
    const after = query.cursor ? this.historyCursor(query.cursor) : null;
    const rows: HistoryRow[] = await this.tx.manager.query(HISTORY_SQL, [
      orgId,
      customerId,
      query.currency ?? null,
      after?.at ?? null,
      after?.id ?? null,
      after?.kind ?? null,
      query.limit + 1,
    ]);
    const page = toPage(rows, query.limit, (last) => ({ at: last.at_key, id: last.id, kind: last.kind }));
    return {
      ...page,
      data: page.data.map((r) => ({
        kind: r.kind,
        id: r.id,
        grantId: r.grant_id,
        invoiceId: r.invoice_id,
        amount: safeNumber(r.amount),
        currency: r.currency,
        at: r.at,
      })),
    };
  }

  private historyCursor(cursor: string): { at: string; id: string; kind: string } {
    const { at, id, kind } = decodeCursor<HistoryCursor>(cursor);
    if (
      typeof at !== 'string' ||
      !POSTGRES_TIMESTAMP.test(at) ||
      typeof id !== 'string' ||
      !isUuid(id) ||
      typeof kind !== 'string'
    )
      throw new AppError(400, CoreErrorCode.ValidationFailed, 'cursor is not a cursor returned by this API.');
    return { at, id, kind };
  }
}
