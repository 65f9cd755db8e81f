export * from './invoicing.module';
export * from './invoicing.errors';
export { InvoicesService } from './services/invoices.service';
export type { CreateDraftInput, NewInvoiceLine } from './services/invoices.service';
export { InvoicePaymentsService } from './payments/invoice-payments.service';
export { InvoiceInstallmentsService } from './installments/invoice-installments.service';
export type { DueInstallment } from './installments/invoice-installments.service';
export type {
  InvoicePaymentInput,
  InvoicePaymentOutcome,
  PayableInvoice,
} from './payments/invoice-payments.service';
export * from './payments/invoice-payments.errors';
export { NumberSequenceService } from './numbering/number-sequence.service';
export { InvoicingSettingsService } from './settings/invoicing-settings.service';
export { InvoiceResponse, InvoiceDetailResponse, InvoiceLineResponse } from './dto/invoice.response';
export { InvoicingSettingsResponse } from './dto/invoicing-settings.response';
export { INVOICE_STATUSES, PAYMENT_STATES } from './entities/invoice.entity';
export type { InvoiceStatus, PaymentState } from './entities/invoice.entity';
export { INVOICE_LINE_KINDS } from './entities/invoice-line.entity';
export type { InvoiceLineKind } from './entities/invoice-line.entity';
export type { NumberSequenceKind } from './entities/invoice-number-sequence.entity';
export { FxModule } from './fx/fx.module';
export { FxService } from './fx/fx.service';
export type { FxConversionInput } from './fx/fx.service';
export { BillingModule } from './billing/billing.module';
export { BillingRunsService } from './billing/billing-runs.service';
export { CreditNotesModule } from './credit-notes/credit-notes.module';
export { InvoiceBulkModule } from './bulk/invoice-bulk.module';
export { CreditNotesService } from './credit-notes/credit-notes.service';
export type { CreateCreditNoteInput } from './credit-notes/credit-notes.service';
export { CreditNoteReadsService } from './credit-notes/credit-note-reads.service';
export { CreditNoteRefundsService } from './credit-notes/credit-note-refunds.service';
export type { RefundableCreditNote } from './credit-notes/credit-note-refunds.service';
export {
  CreditNoteResponse,
  CreditNoteDetailResponse,
  CreditNoteLineResponse,
} from './credit-notes/dto/credit-note.response';
export { CREDIT_NOTE_REASONS, CREDIT_NOTE_OUTCOMES } from './credit-notes/entities/credit-note.entity';
export type {
  CreditNoteReason,
  CreditNoteOutcome,
  RefundStatus,
} from './credit-notes/entities/credit-note.entity';
