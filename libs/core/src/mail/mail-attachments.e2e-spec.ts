import { DataSource } from 'typeorm';
import { TestApp, startTestApp } from '../../../../test/kit/test-app';
import { waitFor } from '../../../../test/kit/wait-for';
import { SmtpCapture } from '../../../../test/smtp/smtp-capture';
import { newId } from '../database/base.entity';
import { DocumentStorage } from '../storage/document-storage';
import { Email, EmailStatus } from './email.entity';
import { MailTemplate } from './mail-template';
import { MailService } from './mail.service';

const template: MailTemplate<{ name: string }> = {
  name: 'attachment-test',
  subject: 'Your document, {{name}}',
  html: '<p>Attached, {{name}}.</p>',
  text: 'Attached, {{name}}.',
};

describe('MailService: attachments by reference and one email per cause', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  const orgId = newId();

  beforeAll(async () => {
    smtp = new SmtpCapture();
    t = await startTestApp({ worker: true, env: { SMTP_URL: await smtp.start() } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('stores only the reference and reads the document from storage at send time', async () => {
    const content = Buffer.from('%PDF-1.7\n% a stored document\n%%EOF\n');
    const stored = await t.app.get(DocumentStorage).put({
      orgId,
      filename: 'INV-0001.pdf',
      contentType: 'application/pdf',
      content,
    });
    const email = await t.app.get(MailService).send({
      orgId,
      to: ['ap@customer.test'],
      replyTo: 'billing@seller.test',
      template,
      context: { name: 'Ada' },
      attachments: [{ documentId: stored.id, filename: stored.filename, contentType: stored.contentType }],
    });
    const row = await t.app
      .get(DataSource)
      .query(`SELECT attachments::text AS a FROM emails WHERE id = $1`, [email.id]);
    expect(row[0].a).not.toContain('PDF-1.7');

    await t.drainJobs();
    const mail = await smtp.waitFor((m) => m.messageId === `<${email.id}@billing.invalid>`);
    expect(mail.replyTo?.value[0].address).toBe('billing@seller.test');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'INV-0001.pdf', contentType: 'application/pdf' });
    expect(mail.attachments[0].content.equals(content)).toBe(true);
  });

  it('fails delivery (and keeps retrying) when the document is not in storage', async () => {
    const email = await t.app.get(MailService).send({
      orgId,
      to: ['ap@customer.test'],
      template,
      context: { name: 'Bob' },
      attachments: [{ documentId: newId(), filename: 'gone.pdf', contentType: 'application/pdf' }],
    });
    await t.drainJobs();
    const row = await waitFor(async () => {
      const found = await t.app.get(DataSource).getRepository(Email).findOneByOrFail({ id: email.id });
      return found.attempts > 0 ? found : undefined;
    });
    expect(row.status).toBe(EmailStatus.Queued);
    expect(row.lastError).toMatch(/not in document storage/);
    expect(smtp.messages.some((m) => m.messageId === `<${email.id}@billing.invalid>`)).toBe(false);
  });

  it('queues one email per dedupe key, even when asked concurrently', async () => {
    const dedupeKey = `test:${newId()}`;
    const send = () =>
      t.app
        .get(MailService)
        .send({ orgId, to: ['once@customer.test'], template, context: { name: 'C' }, dedupeKey });
    const emails = await Promise.all([send(), send(), send()]);
    expect(new Set(emails.map((e) => e.id)).size).toBe(1);
    await t.drainJobs();
    await smtp.waitFor((m) => m.messageId === `<${emails[0].id}@billing.invalid>`);
    expect(await t.app.get(DataSource).getRepository(Email).countBy({ dedupeKey })).toBe(1);
    const outbox = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'mail.send' AND payload->>'emailId' = $1`,
        [emails[0].id],
      );
    expect(outbox[0].n).toBe(1);
  });
});
