import { isUuid } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { invoiceNotFound } from '../invoicing.errors';

const KEY_AND_STAMPS = new Set(['id', 'orgId', 'createdAt', 'updatedAt']);

/** Row access shared by the draft and lifecycle services; every method takes the org id first. */
@Injectable()
export class InvoiceRepository {
  async find(manager: EntityManager, orgId: string, id: string): Promise<Invoice> {
    const invoice = isUuid(id) ? await manager.findOneBy(Invoice, { orgId, id }) : null;
    if (!invoice) throw invoiceNotFound(id);
    return invoice;
  }

  /** The invoice row locked FOR UPDATE until the transaction ends; a 404 when missing. */
  async lock(manager: EntityManager, orgId: string, id: string): Promise<Invoice> {
    const invoice = isUuid(id)
      ? await manager.findOne(Invoice, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } })
      : null;
    if (!invoice) throw invoiceNotFound(id);
    return invoice;
  }

  /** Writes every column of an invoice this transaction holds (one UPDATE, no read before it). */
  async write(manager: EntityManager, invoice: Invoice): Promise<void> {
    const { id, orgId, createdAt: _createdAt, updatedAt: _updatedAt, ...columns } = invoice;
    await manager.update(Invoice, { orgId, id }, columns);
  }

  /**
   * `write` for many invoices in one statement (a billing batch's finalizations): every column of each, as
   * the entity's transformers store it, matched by (org, id).
   */
  async writeMany(manager: EntityManager, invoices: Invoice[]): Promise<void> {
    if (invoices.length === 0) return;
    const columns = manager.connection.getMetadata(Invoice).columns;
    const assignments = columns
      .filter((c) => !KEY_AND_STAMPS.has(c.propertyName))
      .map((c) => `"${c.databaseName}" = v."${c.databaseName}"`);
    const rows = invoices.map((invoice) =>
      Object.fromEntries(columns.map((c) => [c.databaseName, c.getEntityValue(invoice, true) as unknown])),
    );
    await manager.query(
      `UPDATE invoices i
          SET ${assignments.join(', ')}, updated_at = now()
         FROM jsonb_populate_recordset(NULL::invoices, $1::jsonb) v
        WHERE i.org_id = v.org_id AND i.id = v.id`,
      [JSON.stringify(rows)],
    );
  }

  lines(manager: EntityManager, orgId: string, invoiceId: string): Promise<InvoiceLine[]> {
    return manager.find(InvoiceLine, { where: { orgId, invoiceId }, order: { position: 'ASC' } });
  }
}
