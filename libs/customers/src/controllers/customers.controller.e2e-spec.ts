import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  asUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import {
  CustomerBody,
  createCustomer,
  customerBody,
  parseCsv,
  uniqueRef,
} from '../../../../test/kit/customers-test-kit';
import { CustomersService } from '../services/customers.service';
import { CUSTOMER_CSV_COLUMNS } from './customers-csv';

describe('customers', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'customers');
  });
  afterAll(() => t.stop());

  const as = (user: SignedUpUser) => asUser(t, user);

  describe('create, read, update', () => {
    it('creates a customer with every field, normalised, and reads it back', async () => {
      const externalId = uniqueRef('full');
      const body = {
        externalId,
        name: 'Müller & Söhne',
        legalName: 'Müller & Söhne GmbH',
        billingEmails: ['Finance@Mueller.test', 'ap@mueller.test'],
        phone: '+49 30 1234567',
        billingAddress: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'de' },
        shippingAddress: { line1: 'Lager 2', line2: 'Tor 3', city: 'Hamburg', state: 'HH', country: 'DE' },
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        currency: 'eur',
        locale: 'de-de',
        timezone: 'europe/berlin',
        paymentTermsDays: 30,
        collectionMethod: 'send_invoice',
        metadata: { crmId: '42', segment: 'enterprise' },
      };
      const created = await as(owner).post('/v1/customers', body).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        externalId,
        name: 'Müller & Söhne',
        legalName: 'Müller & Söhne GmbH',
        billingEmails: ['finance@mueller.test', 'ap@mueller.test'],
        phone: '+49 30 1234567',
        billingAddress: {
          line1: 'Hauptstr. 1',
          line2: null,
          city: 'Berlin',
          postalCode: '10115',
          state: null,
          country: 'DE',
        },
        shippingAddress: {
          line1: 'Lager 2',
          line2: 'Tor 3',
          city: 'Hamburg',
          postalCode: null,
          state: 'HH',
          country: 'DE',
        },
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        currency: 'EUR',
        locale: 'de-DE',
        timezone: 'Europe/Berlin',
        paymentTermsDays: 30,
        collectionMethod: 'send_invoice',
        metadata: { crmId: '42', segment: 'enterprise' },
        archivedAt: null,
        firstInvoicedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await as(owner).get(`/v1/customers/${created.body.id}`).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('applies defaults to a minimal customer', async () => {
      const created = await as(owner)
        .post('/v1/customers', { name: 'Minimal', billingEmails: ['min@example.test'], currency: 'JPY' })
        .expect(201);
      expect(created.body).toMatchObject({
        externalId: null,
        legalName: null,
        phone: null,
        billingAddress: null,
        shippingAddress: null,
        taxIds: [],
        locale: null,
        timezone: null,
        paymentTermsDays: 0,
        collectionMethod: 'charge_automatically',
        metadata: {},
      });
    });

    it('PATCH changes only the fields given, null clears nullable fields and is refused for required ones', async () => {
      const customer = await createCustomer(t, owner, {
        legalName: 'Old Legal',
        phone: '+1 555 0100',
        metadata: { a: '1' },
      });
      const patched = await as(owner)
        .patch(`/v1/customers/${customer.id}`, {
          name: 'New Name',
          legalName: null,
          metadata: { b: '2' },
          billingAddress: { country: 'fr', city: 'Paris' },
        })
        .expect(200);
      expect(patched.body).toMatchObject({
        id: customer.id,
        externalId: customer.externalId,
        name: 'New Name',
        legalName: null,
        phone: '+1 555 0100',
        billingEmails: customer.billingEmails,
        currency: 'EUR',
        metadata: { b: '2' },
        billingAddress: { country: 'FR', city: 'Paris', line1: null },
      });
      expect(Date.parse(patched.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(customer.createdAt));

      for (const field of ['name', 'billingEmails', 'currency', 'taxIds', 'metadata', 'paymentTermsDays']) {
        const res = await as(owner)
          .patch(`/v1/customers/${customer.id}`, { [field]: null })
          .expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const unchanged = await as(owner).get(`/v1/customers/${customer.id}`).expect(200);
      expect(unchanged.body).toEqual(patched.body);
    });

    it('answers 404 for an unknown id and 400 for an id that is not a UUID', async () => {
      const missing = await as(owner).get('/v1/customers/0190f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6').expect(404);
      expect(missing.body.code).toBe('customer_not_found');
      await as(owner).get('/v1/customers/not-a-uuid').expect(400);
    });
  });

  describe('external id', () => {
    it('is unique per organisation (409), also on PATCH, but may repeat across organisations', async () => {
      const externalId = uniqueRef('dup');
      await createCustomer(t, owner, { externalId });
      const dup = await as(owner).post('/v1/customers', customerBody({ externalId })).expect(409);
      expect(dup.body.code).toBe('unique_violation');
      expect(dup.body.detail).toContain('external_id');

      const other = await createCustomer(t, owner);
      await as(owner).patch(`/v1/customers/${other.id}`, { externalId }).expect(409);

      const stranger = await signUpAndLogin(t, 'other-org');
      await createCustomer(t, stranger, { externalId });
    });
  });

  describe('archive, unarchive, delete', () => {
    it('archives idempotently, refuses changes while archived, and unarchives', async () => {
      const customer = await createCustomer(t, owner);
      const archived = await as(owner).post(`/v1/customers/${customer.id}/archive`).expect(200);
      expect(archived.body.archivedAt).toEqual(expect.any(String));
      const again = await as(owner).post(`/v1/customers/${customer.id}/archive`).expect(200);
      expect(again.body.archivedAt).toBe(archived.body.archivedAt);

      const refused = await as(owner).patch(`/v1/customers/${customer.id}`, { name: 'x' }).expect(409);
      expect(refused.body.code).toBe('customer_archived');
      await as(owner).get(`/v1/customers/${customer.id}`).expect(200);

      const restored = await as(owner).post(`/v1/customers/${customer.id}/unarchive`).expect(200);
      expect(restored.body.archivedAt).toBeNull();
      await as(owner).post(`/v1/customers/${customer.id}/unarchive`).expect(200);
      await as(owner).patch(`/v1/customers/${customer.id}`, { name: 'Changed' }).expect(200);
    });

    it('deletes a customer that was never invoiced', async () => {
      const customer = await createCustomer(t, owner);
      await as(owner).delete(`/v1/customers/${customer.id}`).expect(204);
      await as(owner).get(`/v1/customers/${customer.id}`).expect(404);
      await as(owner).delete(`/v1/customers/${customer.id}`).expect(404);
    });

    it('refuses to delete an invoiced customer (409), which can still be archived', async () => {
      const customer = await createCustomer(t, owner);
      // What the invoicing domain will do when it issues the first invoice.
      const service = t.app.get(CustomersService);
      const at = new Date('2026-01-02T03:04:05.000Z');
      await service.recordFirstInvoice(owner.orgId, customer.id, at);
      await service.recordFirstInvoice(owner.orgId, customer.id); // idempotent, keeps the first instant
      const stranger = await signUpAndLogin(t, 'invoiced-stranger');
      await expect(service.recordFirstInvoice(stranger.orgId, customer.id)).rejects.toMatchObject({
        status: 404,
      });
      const refused = await as(owner).delete(`/v1/customers/${customer.id}`).expect(409);
      expect(refused.body.code).toBe('customer_invoiced');
      const read = await as(owner).get(`/v1/customers/${customer.id}`).expect(200);
      expect(read.body.firstInvoicedAt).toBe(at.toISOString());
      await as(owner).post(`/v1/customers/${customer.id}/archive`).expect(200);
    });
  });

  describe('validation', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown currency', { currency: 'ABC' }, 'currency'],
      ['not a currency code', { currency: 'EURO' }, 'currency'],
      ['missing currency', { currency: undefined }, 'currency'],
      ['unknown time zone', { timezone: 'Mars/Olympus' }, 'timezone'],
      ['raw offset as time zone', { timezone: '+01:00' }, 'timezone'],
      ['malformed locale', { locale: 'not a locale!' }, 'locale'],
      ['underscore locale', { locale: 'en_US' }, 'locale'],
      ['invalid e-mail', { billingEmails: ['not-an-email'] }, 'billingEmails'],
      ['no e-mail', { billingEmails: [] }, 'billingEmails'],
      ['e-mails not a list', { billingEmails: 'a@example.test' }, 'billingEmails'],
      [
        'eleven e-mails',
        { billingEmails: Array.from({ length: 11 }, (_, i) => `e${i}@example.test`) },
        'billingEmails',
      ],
      ['duplicate e-mail', { billingEmails: ['a@example.test', 'A@example.test'] }, 'billingEmails'],
      ['missing name', { name: undefined }, 'name'],
      ['blank name', { name: '   ' }, 'name'],
      ['too long name', { name: 'x'.repeat(257) }, 'name'],
      ['external id with spaces around', { externalId: ' abc ' }, 'externalId'],
      [
        'metadata with 51 keys',
        { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
        'metadata',
      ],
      ['metadata key of 41 characters', { metadata: { ['k'.repeat(41)]: 'v' } }, 'metadata'],
      ['metadata value of 501 characters', { metadata: { k: 'v'.repeat(501) } }, 'metadata'],
      ['metadata value not a string', { metadata: { k: 1 } }, 'metadata'],
      ['metadata nested object', { metadata: { k: { nested: 'x' } } }, 'metadata'],
      ['metadata an array', { metadata: ['x'] }, 'metadata'],
      ['payment terms over 365', { paymentTermsDays: 366 }, 'paymentTermsDays'],
      ['negative payment terms', { paymentTermsDays: -1 }, 'paymentTermsDays'],
      ['fractional payment terms', { paymentTermsDays: 1.5 }, 'paymentTermsDays'],
      ['unknown collection method', { collectionMethod: 'cash' }, 'collectionMethod'],
      ['unknown tax id type', { taxIds: [{ type: 'xx_vat', value: '1' }] }, 'taxIds.0.type'],
      ['empty tax id value', { taxIds: [{ type: 'eu_vat', value: '' }] }, 'taxIds.0.value'],
      ['unknown country', { billingAddress: { country: 'XX' } }, 'billingAddress.country'],
      ['address without country', { shippingAddress: { line1: 'x' } }, 'shippingAddress.country'],
      ['address not an object', { billingAddress: 'Berlin' }, 'billingAddress'],
      ['malformed phone', { phone: 'call me' }, 'phone'],
    ];

    it.each(cases)(
      'refuses %s with a 400 naming the field and writes nothing',
      async (_label, override, field) => {
        const externalId = uniqueRef('invalid');
        const res = await as(owner)
          .post('/v1/customers', customerBody({ externalId, ...override }))
          .expect(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
        const found = await as(owner).get(`/v1/customers?externalId=${externalId}`).expect(200);
        expect(found.body.data).toEqual([]);
      },
    );

    it('refuses unknown fields, also inside nested objects, naming them', async () => {
      const top = await as(owner)
        .post('/v1/customers', customerBody({ colour: 'blue' }))
        .expect(400);
      expect(top.body.detail).toBe('Unknown field(s): colour.');
      const nested = await as(owner)
        .post('/v1/customers', customerBody({ billingAddress: { country: 'DE', colour: 'blue' } }))
        .expect(400);
      expect(nested.body.detail).toBe('Unknown field(s): billingAddress.colour.');
      const customer = await createCustomer(t, owner);
      await as(owner).patch(`/v1/customers/${customer.id}`, { orgId: owner.orgId }).expect(400);
      await as(owner).patch(`/v1/customers/${customer.id}`, { firstInvoicedAt: null }).expect(400);
    });

    it('answers hostile input with a 4xx, never a 500', async () => {
      const refusals: [Record<string, unknown>, number][] = [
        [{ name: 'nul\u0000byte' }, 400],
        [{ legalName: 'nul\u0000byte' }, 400],
        [{ metadata: { k: 'nul\u0000byte' } }, 400],
        [{ metadata: { 'nul\u0000key': 'v' } }, 400],
        [{ billingAddress: { country: 'DE', city: 'nul\u0000byte' } }, 400],
        [{ taxIds: [{ type: 'eu_vat', value: 'DE1\u0000' }] }, 400],
      ];
      for (const [override, status] of refusals) {
        const res = await as(owner).post('/v1/customers', customerBody(override));
        expect([res.status, override]).toEqual([status, override]);
      }
      const proto = await t
        .http()
        .post('/v1/customers')
        .set(...bearer(owner.accessToken))
        .set('content-type', 'application/json')
        .send(
          '{"name":"x","billingEmails":["a@b.test"],"currency":"EUR","metadata":{"__proto__":{"admin":"1"}}}',
        );
      expect(proto.status).toBe(400);
      // Keys named like Object.prototype members are plain keys (`constructor` and `prototype` are reserved:
      // the platform's ValidationPipe strips them from every body, see docs/customers.md).
      const keys = { toString: 't', valueOf: 'v', hasOwnProperty: 'h', __defineGetter__: 'g' };
      const plainKeys = await createCustomer(t, owner, { metadata: keys });
      expect(plainKeys.metadata).toEqual(keys);
      for (const q of ['\\', "'", '"', '%_%', 'x'.repeat(200)]) {
        await as(owner)
          .get(`/v1/customers?q=${encodeURIComponent(q)}`)
          .expect(200);
      }
      await as(owner)
        .get(`/v1/customers?q=${'x'.repeat(201)}`)
        .expect(400);
      await as(owner).get(`/v1/customers?externalId=nul%00byte`).expect(400);
      await as(owner).get(`/v1/customers?q=nul%00byte`).expect(400);
    });

    it('validates PATCH like create', async () => {
      const customer = await createCustomer(t, owner);
      for (const [, override, field] of cases.filter(([, o]) => !Object.values(o).includes(undefined))) {
        const res = await as(owner).patch(`/v1/customers/${customer.id}`, override).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const read = await as(owner).get(`/v1/customers/${customer.id}`).expect(200);
      expect(read.body.updatedAt).toBe(read.body.createdAt);
    });

    it('accepts the boundaries', async () => {
      await createCustomer(t, owner, {
        billingEmails: Array.from({ length: 10 }, (_, i) => `e${i}@example.test`),
        metadata: Object.fromEntries(
          Array.from({ length: 50 }, (_, i) => [`${'k'.repeat(38)}${i}`.slice(-40), 'v'.repeat(500)]),
        ),
        paymentTermsDays: 365,
        timezone: 'UTC',
        locale: 'zh-Hant-TW',
        currency: 'KWD',
      });
    });
  });

  describe('list, filters, search and pagination', () => {
    let org: SignedUpUser;
    let customers: CustomerBody[];

    beforeAll(async () => {
      org = await signUpAndLogin(t, 'listing');
      customers = [];
      customers.push(
        await createCustomer(t, org, {
          name: 'Alpha Widgets',
          billingEmails: ['ap@alpha.test'],
          currency: 'EUR',
        }),
      );
      customers.push(
        await createCustomer(t, org, {
          name: 'Beta Gadgets',
          billingEmails: ['bills@beta.test'],
          currency: 'USD',
        }),
      );
      customers.push(
        await createCustomer(t, org, {
          name: 'Gamma 100% Tools',
          billingEmails: ['finance@gamma.test', 'cfo@widgets-holding.test'],
          currency: 'USD',
        }),
      );
      customers.push(
        await createCustomer(t, org, { name: 'Delta_Ltd', billingEmails: ['x@delta.test'], currency: 'GBP' }),
      );
      customers.push(
        await createCustomer(t, org, { name: 'Epsilon', billingEmails: ['y@epsilon.test'], currency: 'EUR' }),
      );
      await as(org).post(`/v1/customers/${customers[1].id}/archive`).expect(200);
    });

    const names = async (query: string): Promise<string[]> => {
      const res = await as(org).get(`/v1/customers${query}`).expect(200);
      return (res.body.data as CustomerBody[]).map((c) => c.name);
    };

    it('lists newest first', async () => {
      expect(await names('')).toEqual(customers.map((c) => c.name).reverse());
    });

    it('filters by e-mail (case-insensitive), external id, currency and archived state', async () => {
      expect(await names('?email=FINANCE@gamma.test')).toEqual(['Gamma 100% Tools']);
      expect(await names('?email=cfo@widgets-holding.test')).toEqual(['Gamma 100% Tools']);
      expect(await names('?email=nobody@gamma.test')).toEqual([]);
      expect(await names(`?externalId=${customers[3].externalId}`)).toEqual(['Delta_Ltd']);
      expect(await names('?currency=usd')).toEqual(['Gamma 100% Tools', 'Beta Gadgets']);
      expect(await names('?archived=true')).toEqual(['Beta Gadgets']);
      expect(await names('?archived=false&currency=USD')).toEqual(['Gamma 100% Tools']);
    });

    it('filters by creation time', async () => {
      const from = encodeURIComponent(customers[2].createdAt);
      expect(await names(`?createdFrom=${from}`)).toEqual(['Epsilon', 'Delta_Ltd', 'Gamma 100% Tools']);
      expect(await names(`?createdTo=${from}`)).toEqual(['Beta Gadgets', 'Alpha Widgets']);
      const to = encodeURIComponent(customers[3].createdAt);
      expect(await names(`?createdFrom=${from}&createdTo=${to}`)).toEqual(['Gamma 100% Tools']);
      const reversed = await as(org).get(`/v1/customers?createdFrom=${to}&createdTo=${from}`).expect(400);
      expect(reversed.body.errors[0].field).toBe('createdFrom');
    });

    it('searches name and e-mails case-insensitively, with LIKE wildcards taken literally', async () => {
      expect(await names('?q=WIDGETS')).toEqual(['Gamma 100% Tools', 'Alpha Widgets']);
      expect(await names('?q=gadg')).toEqual(['Beta Gadgets']);
      expect(await names('?q=epsilon.test')).toEqual(['Epsilon']);
      expect(await names('?q=100%25')).toEqual(['Gamma 100% Tools']);
      expect(await names('?q=%25')).toEqual(['Gamma 100% Tools']);
      expect(await names('?q=_')).toEqual(['Delta_Ltd']);
      expect(await names('?q=widgets&archived=false&currency=EUR')).toEqual(['Alpha Widgets']);
    });

    it('refuses bad filters with a 400 naming them', async () => {
      for (const [query, field] of [
        ['?currency=EURO', 'currency'],
        ['?email=not-an-email', 'email'],
        ['?archived=maybe', 'archived'],
        ['?createdFrom=yesterday', 'createdFrom'],
        ['?limit=0', 'limit'],
        ['?colour=blue', 'colour'],
      ]) {
        const res = await as(org).get(`/v1/customers${query}`).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      await as(org).get('/v1/customers?cursor=nonsense').expect(400);
    });

    it('pages through every customer with the cursor', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await as(org).get(`/v1/customers${query}`).expect(200);
        pages++;
        seen.push(...(res.body.data as CustomerBody[]).map((c) => c.id));
        expect(res.body.hasMore).toBe(res.body.nextCursor !== null);
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(customers.map((c) => c.id).reverse());

      const filtered = await as(org).get('/v1/customers?limit=1&currency=USD').expect(200);
      const next = await as(org)
        .get(`/v1/customers?limit=1&currency=USD&cursor=${filtered.body.nextCursor}`)
        .expect(200);
      expect([filtered.body.data[0].name, next.body.data[0].name]).toEqual([
        'Gamma 100% Tools',
        'Beta Gadgets',
      ]);
      expect(next.body.hasMore).toBe(false);
    });
  });

  describe('CSV export', () => {
    it('streams a header and one row per matching customer, escaped and formula-safe', async () => {
      const org = await signUpAndLogin(t, 'export');
      const plain = await createCustomer(t, org, {
        name: 'Smith, "Junior" & Co',
        legalName: 'Line one\nLine two',
        billingEmails: ['a@smith.test', 'b@smith.test'],
        taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
        billingAddress: { line1: '1 Road', city: 'Dublin', country: 'IE' },
        metadata: { k: 'v' },
        currency: 'EUR',
      });
      const evil = await createCustomer(t, org, {
        name: '=HYPERLINK("http://evil.test","click")',
        externalId: '+cmd',
        currency: 'USD',
      });
      const res = await as(org).get('/v1/customers/export.csv').expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('customers.csv');
      const rows = parseCsv(res.text);
      expect(rows[0]).toEqual(CUSTOMER_CSV_COLUMNS);
      expect(rows).toHaveLength(3);
      const record = (row: string[]) => Object.fromEntries(CUSTOMER_CSV_COLUMNS.map((c, i) => [c, row[i]]));
      const [first, second] = rows.slice(1).map(record);
      expect(first).toMatchObject({
        id: evil.id,
        name: `'=HYPERLINK("http://evil.test","click")`,
        externalId: `'+cmd`,
        currency: 'USD',
      });
      expect(second).toMatchObject({
        id: plain.id,
        externalId: plain.externalId,
        name: 'Smith, "Junior" & Co',
        legalName: 'Line one\nLine two',
        billingEmails: 'a@smith.test;b@smith.test',
        taxIds: 'eu_vat:DE123456789',
        billingAddressLine1: '1 Road',
        billingAddressCity: 'Dublin',
        billingAddressCountry: 'IE',
        shippingAddressCountry: '',
        metadata: '{"k":"v"}',
        paymentTermsDays: '0',
        collectionMethod: 'charge_automatically',
        archivedAt: '',
        createdAt: plain.createdAt,
      });
      expect(res.text).toContain('"Smith, ""Junior"" & Co"');

      const filtered = parseCsv(
        (await as(org).get('/v1/customers/export.csv?currency=eur').expect(200)).text,
      );
      expect(filtered.slice(1).map((r) => r[0])).toEqual([plain.id]);
      const empty = parseCsv(
        (await as(org).get('/v1/customers/export.csv?q=nothing-matches').expect(200)).text,
      );
      expect(empty).toEqual([CUSTOMER_CSV_COLUMNS]);
      await as(org).get('/v1/customers/export.csv?currency=nope').expect(400);
    });
  });

  describe('tenancy and permissions', () => {
    it("answers another organisation's customer with a 404 and changes nothing", async () => {
      const customer = await createCustomer(t, owner, { name: 'Private Customer' });
      const stranger = await signUpAndLogin(t, 'stranger');
      const path = `/v1/customers/${customer.id}`;
      for (const res of [
        await as(stranger).get(path),
        await as(stranger).patch(path, { name: 'Hijacked' }),
        await as(stranger).post(`${path}/archive`),
        await as(stranger).post(`${path}/unarchive`),
        await as(stranger).delete(path),
      ]) {
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('Private Customer');
      }
      const list = await as(stranger).get(`/v1/customers?externalId=${customer.externalId}`).expect(200);
      expect(list.body.data).toEqual([]);
      const csv = await as(stranger).get('/v1/customers/export.csv').expect(200);
      expect(csv.text).not.toContain(customer.id);
      const read = await as(owner).get(path).expect(200);
      expect(read.body).toEqual(customer);
    });

    it('lets a viewer read but not write (403 naming customers:write)', async () => {
      const customer = await createCustomer(t, owner);
      const viewer = await addMember(t, owner, 'viewer');
      await as(viewer).get('/v1/customers').expect(200);
      await as(viewer).get(`/v1/customers/${customer.id}`).expect(200);
      await as(viewer).get('/v1/customers/export.csv').expect(200);
      const path = `/v1/customers/${customer.id}`;
      for (const res of [
        await as(viewer).post('/v1/customers', customerBody()),
        await as(viewer).patch(path, { name: 'Viewer was here' }),
        await as(viewer).post(`${path}/archive`),
        await as(viewer).post(`${path}/unarchive`),
        await as(viewer).delete(path),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('permission_denied');
        expect(res.body.detail).toContain('customers:write');
      }
      expect((await as(owner).get(path).expect(200)).body).toEqual(customer);
    });

    it('lets an API key with customers:read read but not write', async () => {
      const key = await as(owner)
        .post('/v1/api-keys', { name: 'crm sync (read)', scopes: ['customers:read'] })
        .expect(201);
      const customer = await createCustomer(t, owner);
      const withKey = () => ['authorization', `Bearer ${key.body.secret as string}`] as [string, string];
      await t
        .http()
        .get(`/v1/customers/${customer.id}`)
        .set(...withKey())
        .expect(200);
      const refused = await t
        .http()
        .post('/v1/customers')
        .set(...withKey())
        .send(customerBody())
        .expect(403);
      expect(refused.body.detail).toContain('customers:write');
    });

    it('replays a create sent twice with the same Idempotency-Key instead of creating twice', async () => {
      const body = customerBody();
      const key = `cust-${uniqueRef()}`;
      const send = () =>
        t
          .http()
          .post('/v1/customers')
          .set(...bearer(owner.accessToken))
          .set('idempotency-key', key)
          .send(body)
          .expect(201);
      const first = await send();
      const second = await send();
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(second.body.id).toBe(first.body.id);
      const found = await as(owner)
        .get(`/v1/customers?externalId=${body.externalId as string}`)
        .expect(200);
      expect(found.body.data).toHaveLength(1);
    });

    it('lets a finance member write', async () => {
      const finance = await addMember(t, owner, 'finance');
      const created = await createCustomer(t, finance);
      await as(finance).patch(`/v1/customers/${created.id}`, { name: 'By finance' }).expect(200);
    });
  });

  describe('CustomersService (for other domains)', () => {
    it('reads by id and external id, scoped to the organisation', async () => {
      const service = t.app.get(CustomersService);
      const a = await createCustomer(t, owner);
      const b = await createCustomer(t, owner);
      expect((await service.get(owner.orgId, a.id)).externalId).toBe(a.externalId);
      expect((await service.getByExternalId(owner.orgId, a.externalId!)).id).toBe(a.id);
      const found = await service.findByExternalIds(owner.orgId, [
        a.externalId!,
        b.externalId!,
        'missing',
        a.externalId!,
      ]);
      expect(found.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
      expect(await service.findByExternalIds(owner.orgId, [])).toEqual([]);

      const stranger = await signUpAndLogin(t, 'service-stranger');
      await expect(service.get(stranger.orgId, a.id)).rejects.toMatchObject({ status: 404 });
      await expect(service.getByExternalId(stranger.orgId, a.externalId!)).rejects.toMatchObject({
        status: 404,
      });
      expect(await service.findByExternalIds(stranger.orgId, [a.externalId!])).toEqual([]);
    });
  });
});
