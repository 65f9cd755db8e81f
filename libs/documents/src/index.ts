export * from './documents.module';
export * from './documents.errors';
export { InvoiceDocumentsService } from './invoice-documents.service';
export type { PdfFile } from './invoice-documents.service';
export { BrandingService, PAPER_SIZES } from './branding.service';
export type { OrgBranding, PaperSize } from './branding.service';
