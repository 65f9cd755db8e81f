import { isUuid } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { invoiceNotFound } from '../invoicing.errors';

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

  lines(manager: EntityManager, orgId: string, invoiceId: string): Promise<InvoiceLine[]> {
    return manager.find(InvoiceLine, { where: { orgId, invoiceId }, order: { position: 'ASC' } });
  }
}
