export * from './documents.module';
export { InvoiceDocumentsService } from './invoice-documents.service';
export { BrandingService } from './branding.service';
export type { OrgBranding, PaperSize } from './branding.service';
