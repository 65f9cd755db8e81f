import { Injectable } from '@nestjs/common';
import type { StoredDocumentMeta } from '@app/core';

/**
 * The PDFs of invoices and credit notes. The public surface other domains use (notifications attaches
 * these to emails).
 */
@Injectable()
export class InvoiceDocumentsService {
  /** The finalized invoice's PDF: the stored one, or rendered now and stored (rendered once, never changes). */
  async invoicePdf(_orgId: string, _invoiceId: string): Promise<StoredDocumentMeta> {
    throw new Error('not implemented');
  }

  /** The credit note's PDF, same rules as invoicePdf. */
  async creditNotePdf(_orgId: string, _creditNoteId: string): Promise<StoredDocumentMeta> {
    throw new Error('not implemented');
  }
}
