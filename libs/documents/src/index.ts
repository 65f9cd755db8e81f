export * from './documents.module';
export { InvoiceDocumentsService } from './invoice-documents.service';
