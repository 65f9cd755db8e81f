import { Module } from '@nestjs/common';
import { DocumentsEventConsumer } from './documents-event.consumer';
import { InvoiceDocumentsService } from './invoice-documents.service';

/** Invoice and credit-note PDFs: templates, branding, rendering with Chromium, storage. */
@Module({
  providers: [InvoiceDocumentsService, DocumentsEventConsumer],
  exports: [InvoiceDocumentsService],
})
export class DocumentsModule {}
