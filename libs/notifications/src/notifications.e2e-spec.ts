import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { DomainEventEnvelope, Email, EmailStatus, JobName, newId } from '@app/core';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  asUser,
  mailsTo,
  signUpAndLogin,
  startAuthApp,
  waitForMail,
} from '../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../test/kit/customers-test-kit';
import {
  createDraftInvoice,
  createFinalizedInvoice,
  finalizeInvoice,
} from '../../../test/kit/invoicing-test-kit';
import { waitFor } from '../../../test/kit/wait-for';
import { NotificationsEventConsumer } from './notifications-event.consumer';
import { NotificationsService } from './notifications.service';
import { ReminderJobs } from './reminder.jobs';

const DAY = 24 * 3600 * 1000;
const rand = () => Math.random().toString(36).slice(2, 10);
const address = (label: string) => `${label}-${rand()}@customer.test`;

const addresses = (field: ParsedMail['to']): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

interface EmailLogBody {
  id: string;
  customerId: string | null;
  template: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  to: string[];
  cc: string[];
  attachments: { documentId: string; filename: string; contentType: string }[];
}

describe('notifications: customer emails, preferences and the email log', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let orgName: string;

  const api = () => asUser(t, owner);
  const emailsOf = async (customerId: string, template?: string): Promise<EmailLogBody[]> => {
    const query = new URLSearchParams({ customerId, limit: '100', ...(template ? { template } : {}) });
    const res = await api().get(`/v1/notifications/emails?${query.toString()}`).expect(200);
    return res.body.data as EmailLogBody[];
  };
  const envelope = <N extends DomainEventEnvelope['type']>(
    type: N,
    data: DomainEventEnvelope<N>['data'],
  ): DomainEventEnvelope => ({ id: newId(), type, occurredAt: new Date().toISOString(), data });

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'notify');
    orgName = 'notify Ltd';
  });
  afterAll(() => t.stop());

  it('emails the finalized invoice with its PDF to the first billing email, the others and the extra CC copied', async () => {
    const [first, second, extra] = [address('ap'), address('cfo'), address('accountant')];
    const customer = await createCustomer(t, owner, { billingEmails: [first, second] });
    await api()
      .put(`/v1/customers/${customer.id}/notification-preferences`, { cc: [extra] })
      .expect(200);
    const invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });

    const mail = await waitForMail(t, first, /^Invoice /);
    expect(mail.subject).toBe(`Invoice ${invoice.number} from ${orgName}`);
    expect(addresses(mail.to)).toEqual([first]);
    expect(addresses(mail.cc).sort()).toEqual([second, extra].sort());
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf).toBeDefined();
    expect(pdf!.content.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(mail.text).toContain(invoice.number!);
    expect(mail.html).toContain(invoice.number!);

    const logged = await waitFor(async () => {
      const [email] = await emailsOf(customer.id, 'invoice');
      return email?.status === 'sent' ? email : undefined;
    });
    expect(logged).toMatchObject({ customerId: customer.id, attempts: 1, lastError: null, to: [first] });
    expect(logged.attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf' })]);
  });

  it('sends nothing when the org turned the invoice email off, but an explicit send request still sends', async () => {
    await api().put('/v1/notifications/settings', { invoiceFinalized: false }).expect(200);
    try {
      const to = address('quiet');
      const customer = await createCustomer(t, owner, { billingEmails: [to] });
      const invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      await t.drainJobs();
      expect(await emailsOf(customer.id)).toEqual([]);
      expect(mailsTo(t, to, /Invoice/)).toHaveLength(0);

      await api().post(`/v1/invoices/${invoice.id}/send`).expect(202);
      const mail = await waitForMail(t, to, /^Invoice /);
      expect(mail.subject).toBe(`Invoice ${invoice.number} from ${orgName}`);
      expect(mail.attachments.map((a) => a.contentType)).toContain('application/pdf');
    } finally {
      await api().put('/v1/notifications/settings', { invoiceFinalized: true }).expect(200);
    }
  });

  it('emails a credit note with its PDF', async () => {
    const to = address('credited');
    const customer = await createCustomer(t, owner, { billingEmails: [to], locale: 'en-IE' });
    await api()
      .put(`/v1/customers/${customer.id}/notification-preferences`, { optedOut: ['invoice_finalized'] })
      .expect(200);
    const invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    const note = await api()
      .post(`/v1/invoices/${invoice.id}/credit-notes`, {
        reason: 'order_change',
        outcome: 'customer_credit',
        amount: 2500,
      })
      .expect(201);
    const mail = await waitForMail(t, to, /^Credit note /);
    expect(mail.subject).toBe(`Credit note ${note.body.number} from ${orgName}`);
    expect(mail.text).toContain(invoice.number!);
    expect(mail.text).toContain('€25.00');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf!.content.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });

  it('honours a customer opt-out', async () => {
    const to = address('optout');
    const customer = await createCustomer(t, owner, { billingEmails: [to] });
    const prefs = await api()
      .put(`/v1/customers/${customer.id}/notification-preferences`, { optedOut: ['invoice_finalized'] })
      .expect(200);
    expect(prefs.body).toEqual({
      customerId: customer.id,
      optedOut: ['invoice_finalized'],
      cc: [],
      customized: true,
    });
    await createFinalizedInvoice(t, owner, { customerId: customer.id });
    await t.drainJobs();
    expect(await emailsOf(customer.id)).toEqual([]);
    expect(mailsTo(t, to, /Invoice/)).toHaveLength(0);
  });

  it('sends one email per event however often the consumer runs (overdue reminder)', async () => {
    const to = address('overdue');
    const customer = await createCustomer(t, owner, { billingEmails: [to], locale: 'de-DE' });
    await api()
      .put(`/v1/customers/${customer.id}/notification-preferences`, { optedOut: ['invoice_finalized'] })
      .expect(200);
    const invoice = await createFinalizedInvoice(t, owner, {
      customerId: customer.id,
      invoice: { paymentTermsDays: 5 },
    });
    const event = envelope(JobName.InvoiceOverdue, {
      orgId: owner.orgId,
      invoiceId: invoice.id,
      customerId: customer.id,
      number: invoice.number,
      currency: invoice.currency,
      total: invoice.total,
      amountDue: invoice.amountDue,
    });
    const consumer = t.app.get(NotificationsEventConsumer);
    await consumer.onEvent(event);
    await consumer.onEvent(event);
    await Promise.all([consumer.onEvent(event), consumer.onEvent(event)]);

    const mail = await waitForMail(t, to, /is overdue/);
    expect(mail.subject).toBe(`Invoice ${invoice.number} from ${orgName} is overdue`);
    expect(mail.text).toMatch(/100,00\s€/); // 2 × 50.00 EUR in the customer's locale
    expect(await emailsOf(customer.id, 'overdue-reminder')).toHaveLength(1);
    expect(mailsTo(t, to, /overdue/)).toHaveLength(1);
  });

  it('sends a receipt for a recorded payment (payment.succeeded)', async () => {
    const to = address('paid');
    const customer = await createCustomer(t, owner, { billingEmails: [to] });
    const invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    await api()
      .post('/v1/payments', {
        customerId: customer.id,
        amount: invoice.amountDue,
        currency: invoice.currency,
        method: 'bank_transfer',
        reference: 'WIRE-1',
        receivedAt: '2026-03-05',
      })
      .expect(201);
    await t.drainJobs();
    const mail = await waitForMail(t, to, /^Receipt for your payment/);
    expect(mail.subject).toContain(orgName);
    expect(mail.text).toContain(invoice.number!);
  });

  it('retries when SMTP refuses, tracks the attempts, then sends (payment receipt)', async () => {
    const to = address('receipt');
    const customer = await createCustomer(t, owner, {
      billingEmails: [to],
      locale: 'en-US',
      currency: 'USD',
    });
    await t.drainJobs();
    t.smtp.failNext(2);
    const email = await t.app.get(NotificationsService).paymentReceipt(owner.orgId, {
      customerId: customer.id,
      paymentId: newId(),
      amount: 123456,
      currency: 'USD',
      paidAt: '2026-03-05T12:00:00Z',
      paymentMethod: 'Visa •••• 4242',
    });
    expect(email).not.toBeNull();
    await t.drainJobs();
    const sent = await waitFor(
      async () => {
        const res = await api().get(`/v1/notifications/emails/${email!.id}`).expect(200);
        return res.body.status === EmailStatus.Sent ? res.body : undefined;
      },
      20_000,
      'the retried receipt to be sent',
    );
    expect(sent).toMatchObject({ attempts: 3, lastError: null, template: 'payment-receipt' });
    const mail = await waitForMail(t, to, /Receipt/);
    expect(mail.subject).toBe(`Receipt for your payment of $1,234.56 to ${orgName}`);
    expect(mail.text).toContain('March 5, 2026');
    expect(mail.text).toContain('Visa •••• 4242');
    expect(mail.html).toContain('$1,234.56');
    expect(mailsTo(t, to, /Receipt/)).toHaveLength(1);
  });

  it('renders the payment-failed and dunning emails in HTML and text, once per cause', async () => {
    const to = address('failed');
    const customer = await createCustomer(t, owner, { billingEmails: [to], locale: 'fr-FR' });
    const notifications = t.app.get(NotificationsService);
    await api()
      .put(`/v1/customers/${customer.id}/notification-preferences`, { optedOut: ['invoice_finalized'] })
      .expect(200);
    const invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    const failed = {
      paymentId: newId(),
      amount: 10000,
      currency: 'EUR',
      reason: 'Insufficient funds',
      nextAttemptAt: '2026-04-01T09:00:00Z',
    };
    await notifications.paymentFailed(owner.orgId, {
      ...failed,
      customerId: customer.id,
      invoiceId: invoice.id,
    });
    await notifications.paymentFailed(owner.orgId, {
      ...failed,
      customerId: customer.id,
      invoiceId: invoice.id,
    });
    const dunning = { invoiceId: invoice.id, step: 2, failedPayment: { ...failed, paymentId: newId() } };
    await notifications.dunningReminder(owner.orgId, dunning);
    await notifications.dunningReminder(owner.orgId, dunning);
    await notifications.dunningReminder(owner.orgId, { invoiceId: invoice.id, step: 3 });

    await t.drainJobs();
    const mails = await waitFor(async () => {
      const found = mailsTo(t, to, /./);
      return found.length >= 3 ? found : undefined;
    });
    const failures = mails.filter((m) => /failed/.test(m.subject ?? ''));
    expect(failures).toHaveLength(2);
    expect(failures[0].subject).toMatch(new RegExp(`^Your payment of 100,00\\s€ to ${orgName} failed$`));
    expect(failures[0].text).toContain('Insufficient funds');
    expect(failures[0].text).toContain('1 avril 2026');
    expect(failures[0].text).toContain(invoice.number!);
    expect(failures[0].html).toMatch(/<table[\s\S]*Insufficient funds/);
    expect(mails.filter((m) => /overdue/.test(m.subject ?? ''))).toHaveLength(1);
    expect((await emailsOf(customer.id)).map((e) => e.template).sort()).toEqual([
      'overdue-reminder',
      'payment-failed',
      'payment-failed',
    ]);
  });

  it('emails a usage alert in the subscription currency', async () => {
    const to = address('alert');
    const customer = await createCustomer(t, owner, { billingEmails: [to], locale: 'en-GB' });
    const subscription = await subscribe(customer.id, 'month', Date.now());
    await t.app.get(NotificationsEventConsumer).onEvent(
      envelope(JobName.UsageAlertTriggered, {
        orgId: owner.orgId,
        alertId: newId(),
        subscriptionId: subscription.id,
        customerId: customer.id,
        metricCode: 'api_calls',
        kind: 'cost_threshold',
        threshold: '5000',
        observed: '5210.4',
        periodStart: subscription.currentPeriodStart,
        periodEnd: subscription.currentPeriodEnd,
      }),
    );
    const mail = await waitForMail(t, to, /Usage alert/);
    expect(mail.subject).toBe(`Usage alert from ${orgName}: api_calls cost reached €52.10`);
    expect(mail.text).toContain('€50.00');
  });

  it('reminds of renewals and due dates within the org lead times, once', async () => {
    await api()
      .put('/v1/notifications/settings', { renewalReminderDaysBefore: 6, dueDateReminderDaysBefore: 3 })
      .expect(200);
    const to = address('reminders');
    const customer = await createCustomer(t, owner, { billingEmails: [to] });
    await api()
      .put(`/v1/customers/${customer.id}/notification-preferences`, { optedOut: ['invoice_finalized'] })
      .expect(200);
    const soon = await subscribe(customer.id, 'week', Date.now() - 2 * DAY); // renews in 5 days
    await subscribe(customer.id, 'month', Date.now()); // renews in about a month: not yet
    const dueSoon = await finalizeInvoice(
      t,
      owner,
      (await createDraftInvoice(t, owner, customer.id, { paymentTermsDays: 2 })).id,
    );
    await createFinalizedInvoice(t, owner, { customerId: customer.id, invoice: { paymentTermsDays: 10 } });
    await t.drainJobs();

    const jobs = t.app.get(ReminderJobs);
    expect((await jobs.renewals()).sent).toBeGreaterThanOrEqual(1);
    expect((await jobs.dueDates()).sent).toBeGreaterThanOrEqual(1);
    expect(await jobs.renewals()).toEqual({ sent: 0 });
    expect(await jobs.dueDates()).toEqual({ sent: 0 });

    const renewal = await waitForMail(t, to, /renews on/);
    expect(renewal.subject).toMatch(
      new RegExp(`^Your ${soon.planCode} subscription with ${orgName} renews on `),
    );
    const due = await waitForMail(t, to, /is due on/);
    expect(due.subject).toMatch(new RegExp(`^Invoice ${dueSoon.number} from ${orgName} is due on `));
    expect(await emailsOf(customer.id, 'renewal-reminder')).toHaveLength(1);
    expect(await emailsOf(customer.id, 'due-date-reminder')).toHaveLength(1);
  });

  it("brands emails with the org's accent colour, footer and logo (inline), and sets its reply-to", async () => {
    const brand = await signUpAndLogin(t, 'notify-brand');
    await asUser(t, brand)
      .put('/v1/documents/settings', { accentColor: '#0a7f3c', footer: 'Brand Ltd, 1 Main Street, Dublin' })
      .expect(200);
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64)]);
    await t
      .http()
      .put('/v1/documents/logo')
      .set('authorization', `Bearer ${brand.accessToken}`)
      .set('content-type', 'image/png')
      .send(png)
      .expect(200);
    await asUser(t, brand).put('/v1/notifications/settings', { replyTo: 'accounts@brand.test' }).expect(200);
    const to = address('branded');
    const customer = await createCustomer(t, brand, { billingEmails: [to] });
    await t.app.get(NotificationsService).paymentReceipt(brand.orgId, {
      customerId: customer.id,
      paymentId: newId(),
      amount: 4200,
      currency: 'EUR',
      paidAt: new Date(),
    });
    const mail = await waitForMail(t, to, /Receipt/);
    expect(mail.html).toContain('#0a7f3c');
    expect(mail.html).toContain('Brand Ltd, 1 Main Street, Dublin');
    expect(mail.text).toContain('Kind regards');
    expect(mail.replyTo?.value[0].address).toBe('accounts@brand.test');
    const logo = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(logo?.content.equals(png)).toBe(true);
    // Sent as an inline part referenced by cid: (the parser turns such references back into data: URIs).
    expect(logo).toMatchObject({ contentDisposition: 'inline', related: true });
    expect(logo!.cid).toBeTruthy();
  });

  it('keeps the org settings and validates them', async () => {
    const other = await signUpAndLogin(t, 'notify-defaults');
    const defaults = await asUser(t, other).get('/v1/notifications/settings').expect(200);
    expect(defaults.body).toEqual({
      invoiceFinalized: true,
      creditNote: true,
      paymentReceipt: true,
      paymentFailed: true,
      renewalReminder: true,
      renewalReminderDaysBefore: 7,
      dueDateReminder: true,
      dueDateReminderDaysBefore: 3,
      overdueReminder: true,
      usageAlert: true,
      replyTo: null,
      customized: false,
    });
    const changed = await asUser(t, other)
      .put('/v1/notifications/settings', { usageAlert: false, replyTo: 'billing@seller.test' })
      .expect(200);
    expect(changed.body).toMatchObject({
      usageAlert: false,
      replyTo: 'billing@seller.test',
      customized: true,
    });
    const tooFar = await asUser(t, other)
      .put('/v1/notifications/settings', { dueDateReminderDaysBefore: 31 })
      .expect(422);
    expect(tooFar.body).toMatchObject({ code: 'invalid_notification_settings' });
    expect(tooFar.body.errors[0].field).toBe('dueDateReminderDaysBefore');
    await asUser(t, other).put('/v1/notifications/settings', { replyTo: 'not an email' }).expect(400);
    await asUser(t, other).put('/v1/notifications/settings', { newsletter: true }).expect(400);

    const viewer = await addMember(t, other, 'viewer', 'notify-viewer');
    await asUser(t, viewer).get('/v1/notifications/settings').expect(200);
    await asUser(t, viewer).put('/v1/notifications/settings', { usageAlert: true }).expect(403);
  });

  it('validates customer preferences and hides other organisations', async () => {
    const customer = await createCustomer(t, owner);
    const tooMany = Array.from({ length: 11 }, () => address('cc'));
    await api().put(`/v1/customers/${customer.id}/notification-preferences`, { cc: tooMany }).expect(400);
    await api()
      .put(`/v1/customers/${customer.id}/notification-preferences`, { optedOut: ['newsletter'] })
      .expect(400);
    const fresh = await api().get(`/v1/customers/${customer.id}/notification-preferences`).expect(200);
    expect(fresh.body).toEqual({ customerId: customer.id, optedOut: [], cc: [], customized: false });

    const stranger = await signUpAndLogin(t, 'notify-stranger');
    await asUser(t, stranger).get(`/v1/customers/${customer.id}/notification-preferences`).expect(404);
    await asUser(t, stranger)
      .put(`/v1/customers/${customer.id}/notification-preferences`, { cc: [] })
      .expect(404);
    const [anyEmail] = await t.app
      .get(DataSource)
      .getRepository(Email)
      .find({ where: { orgId: owner.orgId }, take: 1 });
    expect(anyEmail).toBeDefined();
    const hidden = await asUser(t, stranger).get(`/v1/notifications/emails/${anyEmail.id}`).expect(404);
    expect(hidden.body.code).toBe('email_not_found');
    const theirs = (await asUser(t, stranger).get('/v1/notifications/emails').expect(200)).body.data;
    expect(theirs.map((e: EmailLogBody) => e.template)).toEqual(['auth-verify-email']); // their own signup
  });

  it('lists the email log newest first with filters and a cursor', async () => {
    const customer = await createCustomer(t, owner, { billingEmails: [address('log')] });
    const notifications = t.app.get(NotificationsService);
    for (let i = 0; i < 3; i++)
      await notifications.paymentReceipt(owner.orgId, {
        customerId: customer.id,
        paymentId: newId(),
        amount: 100 + i,
        currency: 'EUR',
        paidAt: new Date(),
      });
    await t.drainJobs();
    const first = await api().get(`/v1/notifications/emails?customerId=${customer.id}&limit=2`).expect(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.hasMore).toBe(true);
    const rest = await api()
      .get(`/v1/notifications/emails?customerId=${customer.id}&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(rest.body).toMatchObject({ hasMore: false, nextCursor: null });
    const ids = [...first.body.data, ...rest.body.data].map((e: EmailLogBody) => e.id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(ids).toHaveLength(3);

    const detail = await api().get(`/v1/notifications/emails/${ids[0]}`).expect(200);
    expect(detail.body.html).toContain('<html');
    expect(detail.body.text).toContain('we received your payment');
    const sent = await waitFor(async () => {
      const res = await api()
        .get(`/v1/notifications/emails?customerId=${customer.id}&status=sent`)
        .expect(200);
      return res.body.data.length === 3 ? res.body.data : undefined;
    });
    expect(sent.every((e: EmailLogBody) => e.template === 'payment-receipt')).toBe(true);
    const none = await api()
      .get(`/v1/notifications/emails?customerId=${customer.id}&template=invoice`)
      .expect(200);
    expect(none.body.data).toEqual([]);
    await api().get('/v1/notifications/emails?status=bounced').expect(400);
  });

  async function subscribe(customerId: string, interval: 'week' | 'month', startMs: number) {
    const plan = await api()
      .post('/v1/plans', {
        code: `plan_${rand()}`,
        name: 'Team',
        currency: 'EUR',
        interval,
        baseFee: 1000,
        trialDays: 0,
      })
      .expect(201);
    const startDate = new Date(Math.floor(startMs / 1000) * 1000).toISOString();
    const res = await api()
      .post('/v1/subscriptions', { customerId, planCode: plan.body.code, startDate })
      .expect(201);
    return res.body as { id: string; planCode: string; currentPeriodStart: string; currentPeriodEnd: string };
  }
});
