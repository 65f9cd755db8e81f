/**
 * What a template sees: plain data, every amount and date already formatted for the customer's locale.
 * The same shape for the built-in templates and for an organisation's own (documented in docs/documents.md).
 */
export interface PartyView {
  name: string;
  legalName: string | null;
  addressLines: string[];
  /** e.g. "eu_vat DE123456789". */
  taxIds: string[];
  email: string | null;
}

export interface LineView {
  description: string;
  period: string;
  quantity: string;
  unitPrice: string;
  amount: string;
  /** Tax rates applied to the line, e.g. "20 %". */
  taxRates: string;
  tax: string;
  total: string;
}

export interface TaxView {
  name: string;
  rate: string;
  taxable: string;
  amount: string;
}

export interface TotalView {
  label: string;
  value: string;
  /** The row that closes the table (total, amount due): drawn stronger. */
  strong: boolean;
}

export interface BrandingView {
  accentColor: string;
  logoDataUri: string | null;
  footer: string;
}

export interface DocumentView {
  kind: 'invoice' | 'credit_note';
  /** "Invoice", "Draft invoice", "Credit note". */
  title: string;
  number: string;
  isDraft: boolean;
  locale: string;
  currency: string;
  /** Label/value pairs under the title: issue date, due date, period, the credited invoice… */
  facts: { label: string; value: string }[];
  seller: PartyView;
  /** "Bill to" or "Credited to". */
  buyerLabel: string;
  buyer: PartyView;
  lines: LineView[];
  taxes: TaxView[];
  totals: TotalView[];
  amountDue: string;
  paymentInstructions: string;
  notes: string;
  legalNote: string;
  branding: BrandingView;
}
