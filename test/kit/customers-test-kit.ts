import { randomBytes } from 'node:crypto';
import { AuthTestApp, SignedUpUser, bearer } from './auth-test-kit';

export const uniqueRef = (label = 'cus'): string => `${label}_${randomBytes(5).toString('hex')}`;

/** A valid create body; `overrides` replace fields (undefined removes one). */
export function customerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    externalId: uniqueRef(),
    name: 'Acme GmbH',
    billingEmails: [`billing-${randomBytes(4).toString('hex')}@acme.test`],
    currency: 'EUR',
    ...overrides,
  };
  for (const [key, value] of Object.entries(body)) if (value === undefined) delete body[key];
  return body;
}

export interface CustomerBody {
  id: string;
  externalId: string | null;
  name: string;
  billingEmails: string[];
  currency: string;
  archivedAt: string | null;
  createdAt: string;
  [key: string]: unknown;
}

export async function createCustomer(
  t: AuthTestApp,
  user: SignedUpUser,
  overrides: Record<string, unknown> = {},
): Promise<CustomerBody> {
  const res = await t
    .http()
    .post('/v1/customers')
    .set(...bearer(user.accessToken))
    .send(customerBody(overrides));
  if (res.status !== 201) throw new Error(`create customer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CustomerBody;
}

/** RFC 4180 parsing, enough for the export's assertions. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
