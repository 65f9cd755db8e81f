import { Module } from '@nestjs/common';
import { BrandingService } from './branding.service';
import { DocumentsEventConsumer } from './documents-event.consumer';
import { InvoiceDocumentsService } from './invoice-documents.service';

/** Invoice and credit-note PDFs: templates, branding, rendering with Chromium, storage. */
@Module({
  providers: [InvoiceDocumentsService, BrandingService, DocumentsEventConsumer],
  exports: [InvoiceDocumentsService, BrandingService],
})
export class DocumentsModule {}
