import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { InvoiceDocumentsService, PdfDownloadOrPending } from './invoice-documents.service';
import { sendPdf } from './pdf-reply';

const PDF_BODY = { description: 'The PDF', schema: { type: 'string', format: 'binary' } } as const;
const PENDING = {
  description: 'Not rendered yet (it is on its way): retry after `Retry-After` seconds.',
} as const;

function answer(reply: FastifyReply, download: PdfDownloadOrPending): Buffer | undefined {
  if (download.kind === 'pending') {
    void reply.status(202).header('retry-after', String(download.retryAfterSeconds));
    return undefined;
  }
  return sendPdf(reply, download);
}

/** The PDFs of invoices and credit notes. */
@ApiTags('documents')
@ApiBearerAuth('bearer')
@Controller()
export class DocumentsPdfController {
  constructor(private readonly documents: InvoiceDocumentsService) {}

  /**
   * A finalized invoice's PDF as stored when it was finalized (202 with `Retry-After` until it is
   * rendered); a draft's is a preview rendered now and not kept.
   */
  @Get('invoices/:id/pdf')
  @RequirePermission(Permission.InvoicesRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_BODY)
  @ApiAcceptedResponse(PENDING)
  async invoicePdf(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    return answer(reply, await this.documents.invoiceDownload(p.orgId!, id));
  }

  /** The credit note's PDF (202 with `Retry-After` until it is rendered). */
  @Get('credit-notes/:id/pdf')
  @RequirePermission(Permission.InvoicesRead)
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF_BODY)
  @ApiAcceptedResponse(PENDING)
  async creditNotePdf(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | undefined> {
    return answer(reply, await this.documents.creditNoteDownload(p.orgId!, id));
  }
}
