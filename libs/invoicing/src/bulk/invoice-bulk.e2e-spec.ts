import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuthTestApp,
  SignedUpUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import {
  InvoiceBody,
  createDraftInvoice,
  createFinalizedInvoice,
} from '../../../../test/kit/invoicing-test-kit';
import { InvoiceBulkOperationItem } from './entities/invoice-bulk-operation-item.entity';
import { InvoiceBulkOperation } from './entities/invoice-bulk-operation.entity';
import { InvoiceBulkRunner } from './invoice-bulk.runner';

interface OperationBody {
  id: string;
  action: string;
  status: string;
  filter: Record<string, unknown> | null;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  requestedBy: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface ItemBody {
  invoiceId: string;
  position: number;
  status: string;
  errorCode: string | null;
  errorDetail: string | null;
}

interface ItemPage {
  data: ItemBody[];
  nextCursor: string | null;
  hasMore: boolean;
}

describe('bulk invoice operations', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;
  let db: DataSource;

  const get = (path: string, user = owner) =>
    t
      .http()
      .get(path)
      .set(...bearer(user.accessToken));
  const post = (path: string, body: object, user = owner) =>
    t
      .http()
      .post(path)
      .set(...bearer(user.accessToken))
      .send(body);

  const startBulk = async (body: object): Promise<OperationBody> => {
    const res = await post('/v1/invoices/bulk', body);
    expect(res.status).toBe(202);
    return res.body as OperationBody;
  };
  const operation = async (id: string): Promise<OperationBody> =>
    (await get(`/v1/invoices/bulk/${id}`).expect(200)).body as OperationBody;
  const items = async (id: string, query = ''): Promise<ItemPage> =>
    (await get(`/v1/invoices/bulk/${id}/items${query}`).expect(200)).body as ItemPage;
  const invoice = async (id: string): Promise<InvoiceBody> =>
    (await get(`/v1/invoices/${id}`).expect(200)).body as InvoiceBody;
  const operationCount = async (): Promise<number> =>
    db.getRepository(InvoiceBulkOperation).countBy({ orgId: owner.orgId });

  beforeAll(async () => {
    t = await startAuthApp();
    db = t.app.get(DataSource);
    owner = await signUpAndLogin(t, 'bulk');
    other = await signUpAndLogin(t, 'bulk-other');
  });
  afterAll(() => t.stop());

  it('finalizes a list: drafts numbered, a finalized and a foreign invoice failed with their codes', async () => {
    const customer = await createCustomer(t, owner, { currency: 'EUR' });
    const drafts = [
      await createDraftInvoice(t, owner, customer.id),
      await createDraftInvoice(t, owner, customer.id),
      await createDraftInvoice(t, owner, customer.id),
    ];
    const finalized = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    const foreign = await createDraftInvoice(t, other, (await createCustomer(t, other)).id);
    const ids = [drafts[0].id, finalized.id, drafts[1].id, foreign.id, drafts[2].id];

    const created = await startBulk({ action: 'finalize', invoiceIds: ids });
    expect(created).toMatchObject({
      action: 'finalize',
      status: 'queued',
      filter: null,
      total: 5,
      processed: 0,
      succeeded: 0,
      failed: 0,
      requestedBy: owner.userId,
      finishedAt: null,
    });

    await t.drainJobs();
    const done = await operation(created.id);
    expect(done).toMatchObject({ status: 'completed', total: 5, processed: 5, succeeded: 3, failed: 2 });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();

    const results = await items(created.id);
    expect(results.data.map((i) => [i.position, i.invoiceId, i.status, i.errorCode])).toEqual([
      [1, drafts[0].id, 'succeeded', null],
      [2, finalized.id, 'failed', 'invalid_invoice_transition'],
      [3, drafts[1].id, 'succeeded', null],
      [4, foreign.id, 'failed', 'invoice_not_found'],
      [5, drafts[2].id, 'succeeded', null],
    ]);
    expect(results.data[1].errorDetail).toMatch(/open/);

    const numbers: string[] = [];
    for (const draft of drafts) {
      const after = await invoice(draft.id);
      expect(after.status).toBe('open');
      numbers.push(after.number!);
    }
    // Gapless, in list order, following the one finalized before.
    const seq = (n: string) => Number(/(\d+)$/.exec(n)![1]);
    expect(numbers.map(seq)).toEqual([1, 2, 3].map((k) => seq(finalized.number!) + k));
    expect((await get(`/v1/invoices/${foreign.id}`, other).expect(200)).body).toMatchObject({
      status: 'draft',
      number: null,
    });
  });

  it('pages the items by status with a cursor', async () => {
    const customer = await createCustomer(t, owner);
    const drafts = [];
    for (let i = 0; i < 3; i++) drafts.push(await createDraftInvoice(t, owner, customer.id));
    const unknown = [randomUUID(), randomUUID()];
    const created = await startBulk({
      action: 'finalize',
      invoiceIds: [unknown[0], drafts[0].id, drafts[1].id, unknown[1], drafts[2].id],
    });
    await t.drainJobs();

    const first = await items(created.id, '?status=succeeded&limit=2');
    expect(first.data.map((i) => i.invoiceId)).toEqual([drafts[0].id, drafts[1].id]);
    expect(first.hasMore).toBe(true);
    const second = await items(created.id, `?status=succeeded&limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({
      data: [expect.objectContaining({ invoiceId: drafts[2].id })],
      hasMore: false,
      nextCursor: null,
    });

    const failed = await items(created.id, '?status=failed');
    expect(failed.data.map((i) => [i.invoiceId, i.errorCode])).toEqual([
      [unknown[0], 'invoice_not_found'],
      [unknown[1], 'invoice_not_found'],
    ]);
    expect((await items(created.id, '?status=pending')).data).toEqual([]);
  });

  it('voids by filter, a snapshot of the matching invoices taken at request time', async () => {
    const customer = await createCustomer(t, owner);
    const open = [
      await createFinalizedInvoice(t, owner, { customerId: customer.id }),
      await createFinalizedInvoice(t, owner, { customerId: customer.id }),
    ];
    const draft = await createDraftInvoice(t, owner, customer.id);
    const elsewhere = await createFinalizedInvoice(t, owner);

    const filter = { customerId: customer.id, status: 'open' };
    const created = await startBulk({ action: 'void', filter });
    expect(created).toMatchObject({ action: 'void', filter, total: 2 });
    await t.drainJobs();

    expect(await operation(created.id)).toMatchObject({ status: 'completed', succeeded: 2, failed: 0 });
    expect((await items(created.id)).data.map((i) => i.invoiceId)).toEqual(open.map((i) => i.id));
    for (const { id } of open) expect((await invoice(id)).status).toBe('void');
    expect((await invoice(draft.id)).status).toBe('draft');
    expect((await invoice(elsewhere.id)).status).toBe('open');
  });

  it('marks uncollectible and requests sending', async () => {
    const target = await createFinalizedInvoice(t, owner);
    const sent = await createFinalizedInvoice(t, owner);
    const uncollectible = await startBulk({ action: 'mark_uncollectible', invoiceIds: [target.id] });
    const send = await startBulk({ action: 'send', invoiceIds: [sent.id] });
    await t.drainJobs();

    expect(await operation(uncollectible.id)).toMatchObject({ succeeded: 1, failed: 0 });
    expect((await invoice(target.id)).status).toBe('uncollectible');
    expect(await operation(send.id)).toMatchObject({ succeeded: 1, failed: 0 });
    expect((await invoice(sent.id)).sentAt).not.toBeNull();
  });

  it('completes an operation whose filter matches nothing', async () => {
    const created = await startBulk({ action: 'void', filter: { customerId: randomUUID() } });
    expect(created.total).toBe(0);
    await t.drainJobs();
    expect(await operation(created.id)).toMatchObject({ status: 'completed', total: 0, processed: 0 });
  });

  describe('validation', () => {
    const id = randomUUID();
    it.each([
      ['both ids and filter', { action: 'void', invoiceIds: [id], filter: { status: 'open' } }, 'invoiceIds'],
      ['neither ids nor filter', { action: 'void' }, 'invoiceIds'],
      ['an empty list', { action: 'void', invoiceIds: [] }, 'invoiceIds'],
      ['a listed id twice', { action: 'void', invoiceIds: [id, randomUUID(), id] }, 'invoiceIds.2'],
      ['an unknown action', { action: 'delete', invoiceIds: [id] }, 'action'],
      ['a filter without criteria', { action: 'void', filter: {} }, 'filter'],
    ])('refuses %s with 422 naming the field, writing nothing', async (_case, body, field) => {
      const before = await operationCount();
      const res = await post('/v1/invoices/bulk', body).expect(422);
      expect(res.body).toMatchObject({
        code: 'invalid_bulk_operation',
        errors: [expect.objectContaining({ field })],
      });
      expect(await operationCount()).toBe(before);
    });

    it('refuses more than 10,000 invoices', async () => {
      const invoiceIds = Array.from({ length: 10_001 }, () => randomUUID());
      const res = await post('/v1/invoices/bulk', { action: 'finalize', invoiceIds }).expect(422);
      expect(res.body).toMatchObject({ code: 'bulk_selection_too_large', errors: [{ field: 'invoiceIds' }] });
    });

    it('refuses malformed ids and filters with 400', async () => {
      await post('/v1/invoices/bulk', { action: 'void', invoiceIds: ['nope'] }).expect(400);
      await post('/v1/invoices/bulk', { action: 'void', filter: { status: 'gone' } }).expect(400);
      await post('/v1/invoices/bulk', { action: 'void', filter: { colour: 'red' } }).expect(400);
    });
  });

  it("answers 404 for another organisation's operation and its items", async () => {
    const created = await startBulk({ action: 'void', invoiceIds: [randomUUID()] });
    const res = await get(`/v1/invoices/bulk/${created.id}`, other).expect(404);
    expect(res.body).toMatchObject({ code: 'invoice_bulk_operation_not_found' });
    await get(`/v1/invoices/bulk/${created.id}/items`, other).expect(404);
    await get(`/v1/invoices/bulk/${randomUUID()}`).expect(404);
  });

  it('is not captured by /invoices/:id, which still serves invoices', async () => {
    const created = await startBulk({ action: 'void', invoiceIds: [randomUUID()] });
    expect((await operation(created.id)).id).toBe(created.id);
    const draft = await createDraftInvoice(t, owner, (await createCustomer(t, owner)).id);
    expect((await invoice(draft.id)).id).toBe(draft.id);
  });

  describe('re-running', () => {
    it('does nothing twice once completed', async () => {
      const draft = await createDraftInvoice(t, owner, (await createCustomer(t, owner)).id);
      const created = await startBulk({ action: 'finalize', invoiceIds: [draft.id] });
      await t.drainJobs();
      const number = (await invoice(draft.id)).number;

      // As if the job were delivered again, and again after a crash between the last item and completion.
      const runner = t.app.get(InvoiceBulkRunner);
      expect(await runner.run(owner.orgId, created.id)).toBeNull();
      await db
        .getRepository(InvoiceBulkOperation)
        .update(created.id, { status: 'running', finishedAt: null });
      await runner.run(owner.orgId, created.id);

      expect(await operation(created.id)).toMatchObject({
        status: 'completed',
        processed: 1,
        succeeded: 1,
        failed: 0,
      });
      expect((await items(created.id)).data).toEqual([expect.objectContaining({ status: 'succeeded' })]);
      expect((await invoice(draft.id)).number).toBe(number);
    });

    it('resumes after a crash with only the items still pending', async () => {
      const customer = await createCustomer(t, owner);
      const done = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      const pending = await createDraftInvoice(t, owner, customer.id);
      // The state a crashed run leaves: running, the first item settled (and counted), the second pending.
      const op = db.getRepository(InvoiceBulkOperation).create({
        orgId: owner.orgId,
        action: 'finalize',
        status: 'running',
        filter: null,
        total: 2,
        processed: 1,
        succeeded: 1,
        failed: 0,
        requestedBy: owner.userId,
        startedAt: new Date(),
        finishedAt: null,
      });
      await db.getRepository(InvoiceBulkOperation).insert(op);
      await db.getRepository(InvoiceBulkOperationItem).insert([
        {
          operationId: op.id,
          position: 1,
          orgId: owner.orgId,
          invoiceId: done.id,
          status: 'succeeded',
          errorCode: null,
          errorDetail: null,
          processedAt: new Date(),
        },
        {
          operationId: op.id,
          position: 2,
          orgId: owner.orgId,
          invoiceId: pending.id,
          status: 'pending',
          errorCode: null,
          errorDetail: null,
          processedAt: null,
        },
      ]);

      await t.app.get(InvoiceBulkRunner).run(owner.orgId, op.id);

      expect(await operation(op.id)).toMatchObject({
        status: 'completed',
        processed: 2,
        succeeded: 2,
        failed: 0,
      });
      expect((await items(op.id)).data.map((i) => [i.status, i.errorCode])).toEqual([
        ['succeeded', null],
        ['succeeded', null],
      ]);
      expect((await invoice(pending.id)).status).toBe('open');
    });
  });
});
