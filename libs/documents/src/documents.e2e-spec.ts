import { DataSource } from 'typeorm';
import { QueueName, QueueRegistry } from '@app/core';
import {
  AuthTestApp,
  SignedUpUser,
  asUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../test/kit/customers-test-kit';
import { createDraftInvoice, finalizeInvoice } from '../../../test/kit/invoicing-test-kit';
import { pdfText } from '../../../test/kit/pdf-text';
import { InvoiceDocumentsService } from './invoice-documents.service';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);

/** GET a PDF route, reading the body as bytes. */
const getPdf = (t: AuthTestApp, user: SignedUpUser, path: string) =>
  asUser(t, user)
    .get(path)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

describe('invoice documents (PDFs, branding, templates)', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;
  let db: DataSource;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'docs');
    other = await signUpAndLogin(t, 'stranger');
    db = t.app.get(DataSource);
    await asUser(t, owner)
      .patch('/v1/org', {
        legalName: 'Seller Werkstatt GmbH',
        address: { line1: 'Hauptstraße 5', city: 'München', postalCode: '80331', country: 'DE' },
      })
      .expect(200);
  }, 60_000);

  afterAll(async () => {
    await t.stop();
  });

  interface RenderedRow {
    document_id: string;
    template_id: string | null;
    template_version: number;
  }
  const renderedRows = (sourceId: string) =>
    db.query<RenderedRow[]>('SELECT * FROM rendered_documents WHERE source_id = $1', [sourceId]);

  it('renders the finalized invoice by the job after finalization: number, customer, lines, de-DE totals', async () => {
    const customer = await createCustomer(t, owner, { name: 'Käufer AG', locale: 'de-DE', currency: 'EUR' });
    const draft = await createDraftInvoice(t, owner, customer.id, {
      memo: 'Danke für Ihren Auftrag',
      lines: [
        { kind: 'one_off', description: 'Beratung Projekt Alpha', quantity: '1', unitAmount: '1234.56' },
        { kind: 'one_off', description: 'Reisekosten', quantity: '2', unitAmount: '10' },
      ],
    });
    const invoice = await finalizeInvoice(t, owner, draft.id);
    await t.drainJobs();
    expect(await renderedRows(invoice.id)).toHaveLength(1);
    const res = await getPdf(t, owner, `/v1/invoices/${invoice.id}/pdf`).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${invoice.number}.pdf"`);
    const { text } = await pdfText(res.body as Buffer);
    for (const expected of [
      invoice.number!,
      'Käufer AG',
      'Seller Werkstatt GmbH',
      'Beratung Projekt Alpha',
      'Reisekosten',
      '1.234,56 €',
      '1.254,56 €',
      'Danke für Ihren Auftrag',
      'Page 1 of 1',
    ])
      expect(text).toContain(expected);
  });

  it('answers 202 with Retry-After while the PDF is pending, then 200 with the one stored document', async () => {
    const customer = await createCustomer(t, owner);
    const draft = await createDraftInvoice(t, owner, customer.id);
    const documents = t.app.get(QueueRegistry).get(QueueName.Documents);
    await documents.pause();
    let invoiceId: string;
    try {
      invoiceId = (await finalizeInvoice(t, owner, draft.id)).id;
      const pending = await getPdf(t, owner, `/v1/invoices/${invoiceId}/pdf`).expect(202);
      expect(Number(pending.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await documents.resume();
    }
    await t.drainJobs();
    await getPdf(t, owner, `/v1/invoices/${invoiceId}/pdf`).expect(200);
    expect(await renderedRows(invoiceId)).toHaveLength(1);
  });

  it('renders once: concurrent calls get one document', async () => {
    const customer = await createCustomer(t, owner);
    const documents = t.app.get(QueueRegistry).get(QueueName.Documents);
    await documents.pause();
    let invoiceId: string;
    try {
      invoiceId = (await finalizeInvoice(t, owner, (await createDraftInvoice(t, owner, customer.id)).id)).id;
      const service = t.app.get(InvoiceDocumentsService);
      const metas = await Promise.all(
        Array.from({ length: 4 }, () => service.invoicePdf(owner.orgId, invoiceId)),
      );
      expect(new Set(metas.map((m) => m.id)).size).toBe(1);
      expect(metas[0]).toMatchObject({ contentType: 'application/pdf', size: expect.any(Number) });
      expect(metas[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await documents.resume();
    }
    await t.drainJobs();
    const rows = await renderedRows(invoiceId);
    expect(rows).toHaveLength(1);
    const { number } = (await asUser(t, owner).get(`/v1/invoices/${invoiceId}`)).body as { number: string };
    const [{ n }] = await db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM documents WHERE org_id = $1 AND filename = $2',
      [owner.orgId, `${number}.pdf`],
    );
    expect(n).toBe(1);
  });

  it('renders a credit note after it is created (credit_note.created)', async () => {
    const customer = await createCustomer(t, owner, { name: 'Gutschrift Kunde', locale: 'de-DE' });
    const invoice = await finalizeInvoice(t, owner, (await createDraftInvoice(t, owner, customer.id)).id);
    const note = await asUser(t, owner)
      .post(`/v1/invoices/${invoice.id}/credit-notes`, {
        reason: 'order_change',
        outcome: 'customer_credit',
        amount: 2500,
      })
      .expect(201);
    await t.drainJobs();
    const res = await getPdf(t, owner, `/v1/credit-notes/${note.body.id}/pdf`).expect(200);
    expect(res.headers['content-disposition']).toBe(`inline; filename="${note.body.number}.pdf"`);
    const { text } = await pdfText(res.body as Buffer);
    for (const expected of ['Credit note', note.body.number, invoice.number!, 'Gutschrift Kunde', '25,00 €'])
      expect(text).toContain(expected);
    await asUser(t, other).get(`/v1/credit-notes/${note.body.id}/pdf`).expect(404);
  });

  it('previews a draft on demand without storing it, and hides PDFs from another org (404)', async () => {
    const customer = await createCustomer(t, owner, { name: 'Draft Buyer Ltd' });
    const draft = await createDraftInvoice(t, owner, customer.id);
    const res = await getPdf(t, owner, `/v1/invoices/${draft.id}/pdf`).expect(200);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('Draft invoice');
    expect(text).toContain('Draft Buyer Ltd');
    expect(await renderedRows(draft.id)).toHaveLength(0);
    await asUser(t, other).get(`/v1/invoices/${draft.id}/pdf`).expect(404);
    await asUser(t, other).get('/v1/credit-notes/00000000-0000-7000-8000-000000000000/pdf').expect(404);
  });

  it('repeats the line-table header on every page of a 200-line invoice and counts the pages', async () => {
    const customer = await createCustomer(t, owner);
    const lines = Array.from({ length: 200 }, (_, i) => ({
      kind: 'one_off',
      description: `Line item number ${i + 1}`,
      quantity: '1',
      unitAmount: '1',
    }));
    const draft = await createDraftInvoice(t, owner, customer.id, { lines });
    const res = await getPdf(t, owner, `/v1/invoices/${draft.id}/pdf`).expect(200);
    const { pages, text } = await pdfText(res.body as Buffer);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((page, i) => {
      expect(page).toMatch(/Description\s+Qty\s+Unit price\s+Tax\s+Amount/i);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(text).toContain('Line item number 200');
  });

  it('keeps branding settings and validates the logo by its bytes (422 otherwise)', async () => {
    await asUser(t, owner)
      .put('/v1/documents/settings', {
        accentColor: '#AA3300',
        paperSize: 'Letter',
        footer: 'Seller footer line',
      })
      .expect(200);
    await asUser(t, owner).put('/v1/documents/settings', { accentColor: 'red' }).expect(400);
    const logo = (body: Buffer, type = 'image/png') =>
      t
        .http()
        .put('/v1/documents/logo')
        .set(...bearer(owner.accessToken))
        .set('content-type', type)
        .send(body);
    const gif = await logo(Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/gif').expect(415);
    expect(gif.body).toBeDefined();
    const notImage = await logo(Buffer.from('GIF89a not a png')).expect(422);
    expect(notImage.body).toMatchObject({ code: 'invalid_logo' });
    const tooBig = await logo(Buffer.concat([PNG, Buffer.alloc(1024 * 1024)])).expect(422);
    expect(tooBig.body).toMatchObject({ code: 'invalid_logo' });
    const ok = await logo(PNG).expect(200);
    expect(ok.body).toMatchObject({
      accentColor: '#aa3300',
      paperSize: 'Letter',
      footer: 'Seller footer line',
    });
    expect(ok.body.logoDataUri).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
    await asUser(t, other).get('/v1/documents/settings').expect(200, {
      accentColor: '#4f46e5',
      footer: '',
      paperSize: 'A4',
      paymentInstructions: '',
      logoDataUri: null,
    });
    const removed = await asUser(t, owner).delete('/v1/documents/logo').expect(200);
    expect(removed.body.logoDataUri).toBeNull();
    await asUser(t, owner).put('/v1/documents/settings', { paperSize: 'A4', footer: '' }).expect(200);
  });

  it('versions custom templates: 422 with the line, preview, activation, version stored on documents', async () => {
    const broken = await asUser(t, owner)
      .post('/v1/documents/templates', {
        kind: 'invoice',
        html: '<h1>{{number}}</h1>\n<p>{{#if notes}\n</p>',
      })
      .expect(422);
    expect(broken.body).toMatchObject({ code: 'template_syntax_error' });
    expect(broken.body.errors[0]).toMatchObject({
      field: 'html',
      message: expect.stringMatching(/^line 2\b/),
    });

    const html =
      '<h1>Custom {{title}} {{number}}</h1><p>{{buyer.name}}</p>{{#each lines}}<p>{{description}}: {{amount}}</p>{{/each}}' +
      '<p>Due {{amountDue}}</p><script>document.body.innerHTML = "SCRIPT RAN"</script>';
    const created = await asUser(t, owner)
      .post('/v1/documents/templates', { kind: 'invoice', html })
      .expect(201);
    expect(created.body).toMatchObject({ kind: 'invoice', version: 1, status: 'draft' });
    const second = await asUser(t, owner)
      .post('/v1/documents/templates', {
        kind: 'invoice',
        html,
        css: 'h1 { color: {{branding.accentColor}} }',
      })
      .expect(201);
    expect(second.body.version).toBe(2);

    const preview = await asUser(t, owner)
      .post(`/v1/documents/templates/${second.body.id}/preview`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const previewText = (await pdfText(preview.body as Buffer)).text;
    expect(previewText).toContain('Custom Invoice SAMPLE-0001');
    expect(previewText).not.toContain('SCRIPT RAN');

    await asUser(t, other).get(`/v1/documents/templates/${second.body.id}`).expect(404);
    await asUser(t, other).post(`/v1/documents/templates/${second.body.id}/activate`).expect(404);
    await asUser(t, owner).post(`/v1/documents/templates/${created.body.id}/activate`).expect(200);
    const activated = await asUser(t, owner)
      .post(`/v1/documents/templates/${second.body.id}/activate`)
      .expect(200);
    expect(activated.body.status).toBe('active');
    const list = await asUser(t, owner).get('/v1/documents/templates?kind=invoice').expect(200);
    expect(
      list.body.data.map((tpl: { version: number; status: string }) => [tpl.version, tpl.status]),
    ).toEqual([
      [2, 'active'],
      [1, 'retired'],
    ]);

    const customer = await createCustomer(t, owner, {
      name: 'Templated Buyer',
      locale: 'en-US',
      currency: 'USD',
    });
    const invoice = await finalizeInvoice(t, owner, (await createDraftInvoice(t, owner, customer.id)).id);
    await t.drainJobs();
    const [row] = await renderedRows(invoice.id);
    expect(row).toMatchObject({ template_id: second.body.id, template_version: 2 });
    const res = await getPdf(t, owner, `/v1/invoices/${invoice.id}/pdf`).expect(200);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain(`Custom Invoice ${invoice.number}`);
    expect(text).toContain('Consulting: $100.00');
  });
});
