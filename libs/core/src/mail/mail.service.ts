import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { JobQueue } from '../queue/job-queue';
import { JobName } from '../queue/jobs';
import { Email, EmailAttachment, EmailStatus } from './email.entity';
import { Branding, MailTemplate, renderMail } from './mail-template';

export interface SendMailRequest<C extends object> {
  orgId: string | null;
  to: string[];
  cc?: string[];
  replyTo?: string | null;
  /** The customer the email concerns (shown and filtered in the org's email log). */
  customerId?: string | null;
  template: MailTemplate<C>;
  context: C;
  branding?: Branding;
  /** Stored documents (DocumentStorage) to attach; their content is read when the email is delivered. */
  attachments?: EmailAttachment[];
  /** The cause, unique across all emails: a second request with the same key queues nothing. */
  dedupeKey?: string;
}

/**
 * Queues an email: renders it, records it as `queued` and enqueues its delivery, all in the caller's
 * transaction. Never talks to SMTP itself, so a slow or broken mail server never blocks a request.
 */
@Injectable()
export class MailService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  /** The queued email, or the existing one when an email with the same `dedupeKey` was already queued. */
  send<C extends object>(request: SendMailRequest<C>): Promise<Email> {
    const rendered = renderMail(request.template, request.context, request.branding);
    return this.tx.run(async (manager) => {
      const email = manager.create(Email, {
        orgId: request.orgId,
        customerId: request.customerId ?? null,
        to: request.to,
        cc: request.cc ?? [],
        replyTo: request.replyTo ?? null,
        template: request.template.name,
        ...rendered,
        attachments: request.attachments ?? [],
        dedupeKey: request.dedupeKey ?? null,
        status: EmailStatus.Queued,
      });
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Email)
        .values(email)
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0)
        return manager.findOneByOrFail(Email, { dedupeKey: request.dedupeKey });
      await this.jobs.enqueue(JobName.SendEmail, { emailId: email.id });
      return manager.findOneByOrFail(Email, { id: email.id });
    });
  }

  /** The email already queued for this cause, if any: lets a caller skip costly preparation (a PDF). */
  findByDedupeKey(dedupeKey: string): Promise<Email | null> {
    return this.tx.manager.findOneBy(Email, { dedupeKey });
  }
}
