import type { CreditNoteDetailResponse } from '@app/invoicing';
import type { DocumentView } from './document-view';
import type { DocumentContext } from './document-context';
import { formatFor, partiesOf, taxViews } from './invoice-view';

const REASONS: Record<CreditNoteDetailResponse['reason'], string> = {
  duplicate: 'Duplicate charge',
  fraudulent: 'Fraudulent charge',
  order_change: 'Order change',
  product_unsatisfactory: 'Product unsatisfactory',
  other: 'Other',
};

type LineTax = CreditNoteDetailResponse['lines'][number]['taxes'][number];

/** Per-rate totals of a credit note (its lines carry the taxes). */
function taxBreakdown(note: CreditNoteDetailResponse): LineTax[] {
  const byRate = new Map<string, LineTax>();
  for (const tax of note.lines.flatMap((line) => line.taxes)) {
    const sum = byRate.get(tax.taxRateId);
    if (sum)
      byRate.set(tax.taxRateId, {
        ...sum,
        taxableAmount: sum.taxableAmount + tax.taxableAmount,
        amount: sum.amount + tax.amount,
      });
    else byRate.set(tax.taxRateId, { ...tax });
  }
  return [...byRate.values()];
}

/** A credit note as its template sees it; `invoiceNumber` is the number of the invoice it credits. */
export function creditNoteView(
  note: CreditNoteDetailResponse,
  invoiceNumber: string | null,
  context: DocumentContext,
): DocumentView {
  const f = formatFor(context);
  const money = (minor: number) => f.money(minor, note.currency);
  const taxes = taxBreakdown(note);
  return {
    kind: 'credit_note',
    title: 'Credit note',
    number: note.number,
    isDraft: false,
    locale: f.locale,
    currency: note.currency,
    facts: [
      { label: 'Issue date', value: f.date(note.issuedAt) },
      { label: 'Credited invoice', value: invoiceNumber ?? '' },
      { label: 'Reason', value: REASONS[note.reason] },
    ].filter((fact) => fact.value !== ''),
    ...partiesOf(context),
    buyerLabel: 'Credited to',
    lines: note.lines.map((line) => ({
      description: line.description,
      period: '',
      quantity: '',
      unitPrice: '',
      amount: money(line.amount),
      taxRates: line.taxes.map((t) => f.percent(t.percentage)).join(', '),
      tax: money(line.taxAmount),
      total: money(line.total),
    })),
    taxes: taxViews(taxes, note.currency, f),
    totals: [
      { label: 'Subtotal', value: money(note.subtotal), strong: false },
      ...taxes.map((t) => ({
        label: `${t.name} ${f.percent(t.percentage)}`,
        value: money(t.amount),
        strong: false,
      })),
      { label: 'Total credited', value: money(note.total), strong: true },
    ],
    amountDue: money(0),
    paymentInstructions: '',
    notes: note.memo ?? '',
    legalNote: '',
  };
}
