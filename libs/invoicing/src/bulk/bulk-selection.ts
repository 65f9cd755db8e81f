import { EntityManager } from 'typeorm';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceBulkFilterDto } from './dto/invoice-bulk.dto';
import { BULK_ACTIONS, BulkAction } from './entities/invoice-bulk-operation.entity';
import { InvoiceBulkErrorCode, invalidBulkField } from './invoice-bulk.errors';

/** The most invoices one operation may hold, whether listed or selected by a filter. */
export const MAX_BULK_INVOICES = 10_000;

export interface BulkSelection {
  invoiceIds?: string[];
  filter?: InvoiceBulkFilterDto;
}

export function parseBulkAction(action: string): BulkAction {
  if (!(BULK_ACTIONS as readonly string[]).includes(action))
    throw invalidBulkField('action', `must be one of ${BULK_ACTIONS.join(', ')}`);
  return action as BulkAction;
}

/** Exactly one of a list and a filter; a list of 1..10,000 distinct ids; a filter with at least one criterion. */
export function assertBulkSelection(selection: BulkSelection): void {
  const { invoiceIds, filter } = selection;
  if ((invoiceIds === undefined) === (filter === undefined))
    throw invalidBulkField('invoiceIds', 'give exactly one of invoiceIds and filter');
  if (invoiceIds) {
    if (invoiceIds.length === 0) throw invalidBulkField('invoiceIds', 'must list at least one invoice');
    if (invoiceIds.length > MAX_BULK_INVOICES)
      throw invalidBulkField(
        'invoiceIds',
        `must list at most ${MAX_BULK_INVOICES} invoices`,
        InvoiceBulkErrorCode.BulkSelectionTooLarge,
      );
    const seen = new Set<string>();
    invoiceIds.forEach((id, index) => {
      const key = id.toLowerCase();
      if (seen.has(key)) throw invalidBulkField(`invoiceIds.${index}`, `${id} is listed twice`);
      seen.add(key);
    });
  }
  // A filter without criteria would select every invoice of the organisation: refused as a likely mistake.
  if (filter && !Object.values(filter).some((value) => value !== undefined))
    throw invalidBulkField('filter', 'must have at least one criterion');
}

/**
 * The ids of the organisation's invoices matching `filter`, oldest first, read in the caller's transaction
 * (the snapshot the operation works on). More than 10,000 is a 422.
 */
export async function resolveBulkFilter(
  manager: EntityManager,
  orgId: string,
  filter: InvoiceBulkFilterDto,
): Promise<string[]> {
  const qb = manager
    .createQueryBuilder(Invoice, 'i')
    .select('i.id', 'id')
    .where('i.org_id = :orgId', { orgId });
  if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
  if (filter.customerId) qb.andWhere('i.customer_id = :customerId', { customerId: filter.customerId });
  if (filter.subscriptionId)
    qb.andWhere('i.subscription_id = :subscriptionId', { subscriptionId: filter.subscriptionId });
  if (filter.createdFrom) qb.andWhere('i.created_at >= :createdFrom', { createdFrom: filter.createdFrom });
  if (filter.createdTo) qb.andWhere('i.created_at < :createdTo', { createdTo: filter.createdTo });
  if (filter.overdue !== undefined) qb.andWhere('i.overdue = :overdue', { overdue: filter.overdue });
  const rows = await qb
    .orderBy('i.id', 'ASC')
    .limit(MAX_BULK_INVOICES + 1)
    .getRawMany<{ id: string }>();
  if (rows.length > MAX_BULK_INVOICES)
    throw invalidBulkField(
      'filter',
      `matches more than ${MAX_BULK_INVOICES} invoices; narrow it`,
      InvoiceBulkErrorCode.BulkSelectionTooLarge,
    );
  return rows.map((row) => row.id);
}
