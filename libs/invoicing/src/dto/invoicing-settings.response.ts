export class InvoicingSettingsResponse {
  invoiceNumberPattern: string;
  creditNoteNumberPattern: string;
  prefix: string;
  yearlyReset: boolean;
  defaultPaymentTermsDays: number | null;
  draftGraceHours: number;
}
