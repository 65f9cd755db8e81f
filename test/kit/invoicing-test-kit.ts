import { AuthTestApp, SignedUpUser, bearer } from './auth-test-kit';
import { createCustomer } from './customers-test-kit';

export interface InvoiceLineBody {
  id: string;
  kind: string;
  amount: number;
  total: number;
  [key: string]: unknown;
}

export interface InvoiceBody {
  id: string;
  customerId: string;
  status: string;
  paymentState: string;
  number: string | null;
  currency: string;
  subtotal: number;
  total: number;
  creditsApplied: number;
  amountDue: number;
  amountRemaining: number;
  issuedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  lines: InvoiceLineBody[];
  [key: string]: unknown;
}

/** A one-off line body; `overrides` replace fields. */
export const lineBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'one_off',
  description: 'Consulting',
  quantity: '2',
  unitAmount: '50',
  ...overrides,
});

/** POST /v1/invoices: a one-off draft for `customerId` (default: one line of 2 × 50.00). */
export async function createDraftInvoice(
  t: AuthTestApp,
  user: SignedUpUser,
  customerId: string,
  overrides: Record<string, unknown> = {},
): Promise<InvoiceBody> {
  const res = await t
    .http()
    .post('/v1/invoices')
    .set(...bearer(user.accessToken))
    .send({ customerId, lines: [lineBody()], ...overrides });
  if (res.status !== 201) throw new Error(`create invoice: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as InvoiceBody;
}

export async function finalizeInvoice(t: AuthTestApp, user: SignedUpUser, id: string): Promise<InvoiceBody> {
  const res = await t
    .http()
    .post(`/v1/invoices/${id}/finalize`)
    .set(...bearer(user.accessToken))
    .send();
  if (res.status !== 200) throw new Error(`finalize invoice: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as InvoiceBody;
}

/** A customer (created unless given) with a finalized one-off invoice. */
export async function createFinalizedInvoice(
  t: AuthTestApp,
  user: SignedUpUser,
  options: { customerId?: string; invoice?: Record<string, unknown> } = {},
): Promise<InvoiceBody> {
  const customerId = options.customerId ?? (await createCustomer(t, user)).id;
  const draft = await createDraftInvoice(t, user, customerId, options.invoice);
  return finalizeInvoice(t, user, draft.id);
}

/** `ms` before now, in whole seconds (as the API returns dates). */
export const wholeSecondsAgo = (ms: number): Date => new Date(Math.floor((Date.now() - ms) / 1000) * 1000);
