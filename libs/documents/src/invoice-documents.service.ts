import { Injectable } from '@nestjs/common';
import { DocumentStorage, JobName, JobQueue, StoredDocumentMeta, TransactionContext, newId } from '@app/core';
import { CustomersService } from '@app/customers';
import { CreditNoteReadsService, InvoiceDetailResponse, InvoicesService } from '@app/invoicing';
import { DocumentsError, DocumentsErrorCode } from './documents.errors';
import { DocumentTemplatesService } from './custom-templates/document-templates.service';
import { DocumentSource, RenderedDocument } from './entities/rendered-document.entity';
import { creditNoteView } from './render/credit-note-view';
import type { BuyerInput } from './render/document-context';
import { DocumentContextService } from './render/document-context.service';
import { DocumentPdfRenderer } from './render/document-pdf.renderer';
import { invoiceView } from './render/invoice-view';

/** A PDF to send: its bytes and the file name (the document number). */
export interface PdfFile {
  filename: string;
  content: Buffer;
}

/** What GET …/pdf answers: the stored file, a preview of a draft, or "not rendered yet" (202). */
export type PdfDownload = ({ kind: 'stored' } | { kind: 'preview' }) & PdfFile;
export type PdfDownloadOrPending = PdfDownload | { kind: 'pending'; retryAfterSeconds: number };

interface Rendered {
  pdf: Buffer;
  filename: string;
  templateId: string | null;
  templateVersion: number;
}

/** The loser of a render race: its transaction is rolled back and the winner's document is used. */
class AlreadyRendered extends Error {}

const RETRY_AFTER_SECONDS = 2;
/** A render requested by a download is requested again at most this often while it is pending. */
const RENDER_REQUEST_WINDOW_MS = 60_000;

const pdfName = (number: string): string => `${number.replace(/[^A-Za-z0-9._-]+/g, '_')}.pdf`;

/**
 * The PDFs of invoices and credit notes. The public surface other domains use (notifications attaches
 * these to emails). A finalized invoice's and a credit note's PDF is rendered once and stored for good;
 * a draft's is rendered on demand as a preview and never stored.
 */
@Injectable()
export class InvoiceDocumentsService {
  /** Renders under way in this process, so that concurrent callers share one. */
  private readonly inFlight = new Map<string, Promise<StoredDocumentMeta>>();

  constructor(
    private readonly tx: TransactionContext,
    private readonly storage: DocumentStorage,
    private readonly jobs: JobQueue,
    private readonly invoices: InvoicesService,
    private readonly creditNotes: CreditNoteReadsService,
    private readonly customers: CustomersService,
    private readonly context: DocumentContextService,
    private readonly templates: DocumentTemplatesService,
    private readonly pdf: DocumentPdfRenderer,
  ) {}

  /** The finalized invoice's PDF: the stored one, or rendered now and stored (rendered once, never changes). */
  async invoicePdf(orgId: string, invoiceId: string): Promise<StoredDocumentMeta> {
    return this.renderOnce(orgId, 'invoice', invoiceId, async () => {
      const invoice = await this.invoices.get(orgId, invoiceId);
      if (invoice.status === 'draft')
        throw new DocumentsError(
          409,
          DocumentsErrorCode.InvoiceIsDraft,
          `Invoice ${invoiceId} is a draft: its PDF is a preview, never stored.`,
        );
      return this.renderInvoice(orgId, invoice);
    });
  }

  /** The credit note's PDF, same rules as invoicePdf. */
  async creditNotePdf(orgId: string, creditNoteId: string): Promise<StoredDocumentMeta> {
    return this.renderOnce(orgId, 'credit_note', creditNoteId, () =>
      this.renderCreditNote(orgId, creditNoteId),
    );
  }

  /** GET /v1/invoices/{id}/pdf: stored file, draft preview, or pending (the render is requested). */
  async invoiceDownload(orgId: string, invoiceId: string): Promise<PdfDownloadOrPending> {
    const invoice = await this.invoices.get(orgId, invoiceId);
    if (invoice.status === 'draft') {
      const { pdf, filename } = await this.renderInvoice(orgId, invoice);
      return { kind: 'preview', filename, content: pdf };
    }
    const stored = await this.stored(orgId, 'invoice', invoiceId);
    if (stored) return stored;
    await this.jobs.enqueue(
      JobName.DocumentsOnEvent,
      {
        id: newId(),
        type: JobName.InvoiceFinalized,
        occurredAt: new Date().toISOString(),
        data: {
          orgId,
          invoiceId,
          customerId: invoice.customerId,
          number: invoice.number,
          currency: invoice.currency,
          total: invoice.total,
          amountDue: invoice.amountDue,
        },
      },
      { jobId: renderRequestId('invoice', invoiceId) },
    );
    return { kind: 'pending', retryAfterSeconds: RETRY_AFTER_SECONDS };
  }

  /** GET /v1/credit-notes/{id}/pdf: stored file or pending (credit notes have no drafts). */
  async creditNoteDownload(orgId: string, creditNoteId: string): Promise<PdfDownloadOrPending> {
    const note = await this.creditNotes.get(orgId, creditNoteId);
    const stored = await this.stored(orgId, 'credit_note', creditNoteId);
    if (stored) return stored;
    await this.jobs.enqueue(
      JobName.DocumentsOnEvent,
      {
        id: newId(),
        type: JobName.CreditNoteCreated,
        occurredAt: new Date().toISOString(),
        data: {
          orgId,
          creditNoteId,
          invoiceId: note.invoiceId,
          customerId: note.customerId,
          number: note.number,
          currency: note.currency,
          total: note.total,
        },
      },
      { jobId: renderRequestId('credit_note', creditNoteId) },
    );
    return { kind: 'pending', retryAfterSeconds: RETRY_AFTER_SECONDS };
  }

  private async renderInvoice(orgId: string, invoice: InvoiceDetailResponse): Promise<Rendered> {
    const buyer: BuyerInput =
      (invoice.customerSnapshot as BuyerInput | null) ??
      (await this.customers.get(orgId, invoice.customerId));
    const [context, template] = await Promise.all([
      this.context.load(orgId, buyer),
      this.templates.current(orgId, 'invoice'),
    ]);
    const view = invoiceView(invoice, context);
    return {
      pdf: await this.pdf.render(view, template.compiled, context.branding.paperSize),
      filename: pdfName(view.number),
      templateId: template.id,
      templateVersion: template.version,
    };
  }

  private async renderCreditNote(orgId: string, creditNoteId: string): Promise<Rendered> {
    const note = await this.creditNotes.get(orgId, creditNoteId);
    const invoice = await this.invoices.get(orgId, note.invoiceId);
    const buyer: BuyerInput =
      (invoice.customerSnapshot as BuyerInput | null) ?? (await this.customers.get(orgId, note.customerId));
    const [context, template] = await Promise.all([
      this.context.load(orgId, buyer),
      this.templates.current(orgId, 'credit_note'),
    ]);
    const view = creditNoteView(note, invoice.number, context);
    return {
      pdf: await this.pdf.render(view, template.compiled, context.branding.paperSize),
      filename: pdfName(view.number),
      templateId: template.id,
      templateVersion: template.version,
    };
  }

  private async stored(
    orgId: string,
    sourceType: DocumentSource,
    sourceId: string,
  ): Promise<PdfDownload | null> {
    const row = await this.tx.manager.findOneBy(RenderedDocument, { orgId, sourceType, sourceId });
    const document = row && (await this.storage.get(orgId, row.documentId));
    return document ? { kind: 'stored', filename: document.meta.filename, content: document.content } : null;
  }

  private async renderOnce(
    orgId: string,
    sourceType: DocumentSource,
    sourceId: string,
    render: () => Promise<Rendered>,
  ): Promise<StoredDocumentMeta> {
    const key = `${orgId}:${sourceType}:${sourceId}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.findOrRender(orgId, sourceType, sourceId, render).finally(() =>
        this.inFlight.delete(key),
      );
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async findOrRender(
    orgId: string,
    sourceType: DocumentSource,
    sourceId: string,
    render: () => Promise<Rendered>,
  ): Promise<StoredDocumentMeta> {
    const existing = await this.storedMeta(orgId, sourceType, sourceId);
    if (existing) return existing;
    const rendered = await render();
    try {
      return await this.tx.run(async (manager) => {
        const meta = await this.storage.put({
          orgId,
          filename: rendered.filename,
          contentType: 'application/pdf',
          content: rendered.pdf,
        });
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(RenderedDocument)
          .values(
            manager.create(RenderedDocument, {
              orgId,
              sourceType,
              sourceId,
              documentId: meta.id,
              templateId: rendered.templateId,
              templateVersion: rendered.templateVersion,
            }),
          )
          .orIgnore()
          .returning('id')
          .execute();
        if ((inserted.raw as unknown[]).length === 0) throw new AlreadyRendered();
        return meta;
      });
    } catch (error) {
      if (!(error instanceof AlreadyRendered)) throw error;
      const winner = await this.storedMeta(orgId, sourceType, sourceId);
      if (!winner)
        throw new Error(`The ${sourceType} ${sourceId} was rendered by another process, but is gone`);
      return winner;
    }
  }

  private async storedMeta(
    orgId: string,
    sourceType: DocumentSource,
    sourceId: string,
  ): Promise<StoredDocumentMeta | null> {
    const row = await this.tx.manager.findOneBy(RenderedDocument, { orgId, sourceType, sourceId });
    return row ? ((await this.storage.get(orgId, row.documentId))?.meta ?? null) : null;
  }
}

/** The job id of a render requested by a download: one request per document and window while pending. */
const renderRequestId = (sourceType: DocumentSource, sourceId: string): string =>
  `documents.render.${sourceType}.${sourceId}.${Math.floor(Date.now() / RENDER_REQUEST_WINDOW_MS)}`;
