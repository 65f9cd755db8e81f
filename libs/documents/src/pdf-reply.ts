import type { FastifyReply } from 'fastify';
import type { PdfFile } from './invoice-documents.service';

/** Sends a PDF inline (browsers show it), named after the document number. */
export function sendPdf(reply: FastifyReply, file: PdfFile): Buffer {
  void reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${file.filename}"`)
    .header('content-length', String(file.content.length));
  return file.content;
}
