import { Injectable } from '@nestjs/common';
import { Page, TransactionContext, isUuid, paginateById } from '@app/core';
import { InvoiceRepository } from '../services/invoice.repository';
import { toCreditNoteDetail, toCreditNoteResponse } from './credit-note-mapper';
import { creditNoteNotFound } from './credit-notes.errors';
import { CreditNoteQuery } from './dto/credit-note.dto';
import { CreditNoteDetailResponse, CreditNoteResponse } from './dto/credit-note.response';
import { CreditNote } from './entities/credit-note.entity';
import { CreditNoteLine } from './entities/credit-note-line.entity';

/** Reads of credit notes; every method takes the org id first, another org's note is a 404. */
@Injectable()
export class CreditNoteReadsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly invoices: InvoiceRepository,
  ) {}

  async get(orgId: string, id: string): Promise<CreditNoteDetailResponse> {
    const manager = this.tx.manager;
    const note = isUuid(id) ? await manager.findOneBy(CreditNote, { orgId, id }) : null;
    if (!note) throw creditNoteNotFound(id);
    const lines = await manager.find(CreditNoteLine, {
      where: { orgId, creditNoteId: id },
      order: { position: 'ASC' },
    });
    return toCreditNoteDetail(note, lines);
  }

  /** Newest first; filters combine with AND. */
  async list(orgId: string, query: CreditNoteQuery): Promise<Page<CreditNoteResponse>> {
    const qb = this.tx.manager.createQueryBuilder(CreditNote, 'n').where('n.org_id = :orgId', { orgId });
    if (query.invoiceId) qb.andWhere('n.invoice_id = :invoiceId', { invoiceId: query.invoiceId });
    if (query.customerId) qb.andWhere('n.customer_id = :customerId', { customerId: query.customerId });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toCreditNoteResponse) };
  }

  /** The credit notes of one invoice (404 when the invoice is not the org's). */
  async listForInvoice(
    orgId: string,
    invoiceId: string,
    query: CreditNoteQuery,
  ): Promise<Page<CreditNoteResponse>> {
    await this.invoices.find(this.tx.manager, orgId, invoiceId);
    return this.list(orgId, { ...query, invoiceId });
  }
}
