import type { InvoiceDetailResponse } from '@app/invoicing';
import type { DocumentView, TaxView, TotalView } from './document-view';
import type { DocumentContext } from './document-context';
import { LocaleFormat, documentLocale } from './locale-format';
import { partyView } from './parties';

/** The locale and time zone a document is written in: the customer's, else en-US and the seller's zone. */
export function formatFor(context: DocumentContext): LocaleFormat {
  return new LocaleFormat(
    documentLocale(context.buyer.locale),
    context.buyer.timezone ?? context.seller.timezone ?? 'UTC',
  );
}

export function partiesOf(context: DocumentContext): Pick<DocumentView, 'seller' | 'buyer' | 'branding'> {
  const { seller, buyer, branding } = context;
  return {
    seller: partyView({ ...seller }),
    buyer: partyView({
      name: buyer.name,
      legalName: buyer.legalName,
      address: buyer.billingAddress,
      taxIds: buyer.taxIds,
      email: buyer.billingEmails[0] ?? null,
    }),
    branding: {
      accentColor: branding.accentColor,
      logoDataUri: branding.logoDataUri,
      footer: branding.footer,
    },
  };
}

type LineTax = InvoiceDetailResponse['taxBreakdown'][number];

export function taxViews(taxes: LineTax[], currency: string, f: LocaleFormat): TaxView[] {
  return taxes.map((t) => ({
    name: t.name,
    rate: f.percent(t.percentage),
    taxable: f.money(t.taxableAmount, currency),
    amount: f.money(t.amount, currency),
  }));
}

const period = (f: LocaleFormat, start: Date | null, end: Date | null): string =>
  start && end ? `${f.date(start)} – ${f.date(end)}` : '';

/** An invoice (draft or finalized) as its template sees it. */
export function invoiceView(invoice: InvoiceDetailResponse, context: DocumentContext): DocumentView {
  const f = formatFor(context);
  const money = (minor: number) => f.money(minor, invoice.currency);
  const isDraft = invoice.status === 'draft';
  const facts = [
    { label: 'Issue date', value: f.date(invoice.issuedAt ?? (isDraft ? new Date() : null)) },
    { label: 'Due date', value: f.date(invoice.dueAt) },
    { label: 'Period', value: period(f, invoice.periodStart, invoice.periodEnd) },
  ].filter((fact) => fact.value !== '');
  const totals: TotalView[] = [
    { label: 'Subtotal', value: money(invoice.subtotal), strong: false },
    ...invoice.discountBreakdown.map((d) => ({
      label: `Discount (${d.couponName})`,
      value: money(-d.amount),
      strong: false,
    })),
    ...invoice.taxBreakdown.map((t) => ({
      label: `${t.name} ${f.percent(t.percentage)}`,
      value: money(t.amount),
      strong: false,
    })),
    { label: 'Total', value: money(invoice.total), strong: true },
  ];
  if (invoice.creditsApplied > 0)
    totals.push({ label: 'Credits applied', value: money(-invoice.creditsApplied), strong: false });
  if (invoice.amountPaid > 0)
    totals.push({ label: 'Paid', value: money(-invoice.amountPaid), strong: false });
  totals.push({ label: 'Amount due', value: money(invoice.amountRemaining), strong: true });
  return {
    kind: 'invoice',
    title: isDraft ? 'Draft invoice' : 'Invoice',
    number: invoice.number ?? 'DRAFT',
    isDraft,
    locale: f.locale,
    currency: invoice.currency,
    facts,
    ...partiesOf(context),
    buyerLabel: 'Bill to',
    lines: invoice.lines.map((line) => ({
      description: line.description,
      period: period(f, line.periodStart, line.periodEnd),
      quantity: f.quantity(line.quantity),
      unitPrice: f.unitPrice(line.unitAmount, invoice.currency),
      amount: money(line.amount),
      taxRates: line.taxes.map((t) => f.percent(t.percentage)).join(', '),
      tax: money(line.taxAmount),
      total: money(line.total),
    })),
    taxes: taxViews(invoice.taxBreakdown, invoice.currency, f),
    totals,
    amountDue: money(invoice.amountRemaining),
    paymentInstructions: context.paymentInstructions,
    notes: invoice.memo ?? '',
    legalNote: invoice.legalNote ?? '',
  };
}
