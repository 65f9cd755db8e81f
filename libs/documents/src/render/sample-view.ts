import type { DocumentView } from './document-view';
import type { DocumentContext } from './document-context';
import type { TemplateKind } from '../entities/document-template.entity';
import { formatFor, partiesOf } from './invoice-view';

const DAY = 86_400_000;

/** Made-up data in the shape templates see: what a new template is tried on and previewed with. */
export function sampleView(kind: TemplateKind, context: DocumentContext): DocumentView {
  const f = formatFor(context);
  const money = (minor: number) => f.money(minor, 'EUR');
  const now = Date.now();
  const lines = [
    { description: 'Pro plan', quantity: '1', unit: '49', amount: 4900 },
    { description: 'API calls', quantity: '125000', unit: '0.0004', amount: 5000 },
    { description: 'Onboarding workshop', quantity: '2', unit: '150', amount: 30000 },
  ];
  return {
    kind,
    title: kind === 'invoice' ? 'Invoice' : 'Credit note',
    number: kind === 'invoice' ? 'SAMPLE-0001' : 'SAMPLE-CN-0001',
    isDraft: false,
    locale: f.locale,
    currency: 'EUR',
    facts: [
      { label: 'Issue date', value: f.date(new Date(now)) },
      { label: 'Due date', value: f.date(new Date(now + 30 * DAY)) },
    ],
    ...partiesOf(context),
    buyerLabel: kind === 'invoice' ? 'Bill to' : 'Credited to',
    lines: lines.map((line) => ({
      description: line.description,
      period: `${f.date(new Date(now - 30 * DAY))} – ${f.date(new Date(now))}`,
      quantity: f.quantity(line.quantity),
      unitPrice: f.unitPrice(line.unit, 'EUR'),
      amount: money(line.amount),
      taxRates: f.percent('20'),
      tax: money(line.amount / 5),
      total: money(line.amount * 1.2),
    })),
    taxes: [{ name: 'VAT', rate: f.percent('20'), taxable: money(39900), amount: money(7980) }],
    totals: [
      { label: 'Subtotal', value: money(39900), strong: false },
      { label: `VAT ${f.percent('20')}`, value: money(7980), strong: false },
      { label: 'Total', value: money(47880), strong: true },
      { label: 'Amount due', value: money(47880), strong: true },
    ],
    amountDue: money(47880),
    paymentInstructions: context.paymentInstructions,
    notes: 'Thank you for your business.',
    legalNote: '',
  };
}

/** The buyer of the sample documents. */
export const SAMPLE_BUYER: DocumentContext['buyer'] = {
  name: 'Sample Customer GmbH',
  legalName: null,
  billingEmails: ['billing@customer.example'],
  billingAddress: { line1: 'Musterstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
  taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
  locale: 'en-US',
  timezone: 'UTC',
};
