import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { JobQueue } from '../queue/job-queue';
import { JobName } from '../queue/jobs';
import { Email, EmailStatus } from './email.entity';
import { Branding, MailTemplate, renderMail } from './mail-template';

export interface SendMailRequest<C extends object> {
  orgId: string | null;
  to: string[];
  cc?: string[];
  template: MailTemplate<C>;
  context: C;
  branding?: Branding;
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

  send<C extends object>(request: SendMailRequest<C>): Promise<Email> {
    const rendered = renderMail(request.template, request.context, request.branding);
    return this.tx.run(async (manager) => {
      const email = manager.create(Email, {
        orgId: request.orgId,
        to: request.to,
        cc: request.cc ?? [],
        template: request.template.name,
        ...rendered,
        status: EmailStatus.Queued,
      });
      await manager.insert(Email, email);
      await this.jobs.enqueue(JobName.SendEmail, { emailId: email.id });
      return email;
    });
  }
}
