import { Module } from '@nestjs/common';
import { AuditModule, PdfModule } from '@app/core';
import { AuthModule } from '@app/auth';
import { CustomersModule } from '@app/customers';
import { CreditNotesModule, InvoicingModule } from '@app/invoicing';
import { BrandingService } from './branding.service';
import { DocumentTemplatesController } from './custom-templates/document-templates.controller';
import { DocumentTemplatesService } from './custom-templates/document-templates.service';
import { TemplatePreviewService } from './custom-templates/template-preview.service';
import { DocumentsEventConsumer } from './documents-event.consumer';
import { DocumentsPdfController } from './documents-pdf.controller';
import { InvoiceDocumentsService } from './invoice-documents.service';
import { DocumentContextService } from './render/document-context.service';
import { DocumentPdfRenderer } from './render/document-pdf.renderer';
import { DocumentSettingsController } from './settings/document-settings.controller';
import { DocumentSettingsService } from './settings/document-settings.service';
import { LogoBodyParser } from './settings/logo-body-parser';

/** Invoice and credit-note PDFs: templates, branding, rendering with Chromium, storage. */
@Module({
  imports: [AuditModule, PdfModule, AuthModule, CustomersModule, InvoicingModule, CreditNotesModule],
  controllers: [DocumentSettingsController, DocumentTemplatesController, DocumentsPdfController],
  providers: [
    InvoiceDocumentsService,
    BrandingService,
    DocumentsEventConsumer,
    DocumentSettingsService,
    DocumentTemplatesService,
    TemplatePreviewService,
    DocumentContextService,
    DocumentPdfRenderer,
    LogoBodyParser,
  ],
  exports: [InvoiceDocumentsService, BrandingService],
})
export class DocumentsModule {}
