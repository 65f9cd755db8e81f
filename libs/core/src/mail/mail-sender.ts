import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobHandler } from '../queue/job-handler.decorator';
import { JobName, JobPayloads } from '../queue/jobs';
import { Email, EmailStatus } from './email.entity';
import { MailTransport } from './mail-transport';

/**
 * Delivers a queued email. The Message-ID is derived from the email id, so if the process dies between
 * the SMTP hand-off and recording it, the retry sends a message that receivers can recognise as the same.
 */
@Injectable()
export class MailSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
  ) {}

  @JobHandler(JobName.SendEmail)
  async deliver(payload: JobPayloads[JobName.SendEmail], job: Job): Promise<{ status: EmailStatus }> {
    const emails = this.dataSource.getRepository(Email);
    const email = await emails.findOneBy({ id: payload.emailId });
    if (!email || email.status !== EmailStatus.Queued) return { status: email?.status ?? EmailStatus.Failed };
    try {
      const providerMessageId = await this.transport.send({
        messageId: `<${email.id}@billing.invalid>`,
        to: email.to,
        cc: email.cc,
        subject: email.subject,
        html: email.html,
        text: email.text,
      });
      await emails.update(email.id, {
        status: EmailStatus.Sent,
        attempts: () => 'attempts + 1',
        providerMessageId,
        sentAt: new Date(),
        lastError: null,
      });
      return { status: EmailStatus.Sent };
    } catch (error) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await emails.update(email.id, {
        status: lastAttempt ? EmailStatus.Failed : EmailStatus.Queued,
        attempts: () => 'attempts + 1',
        lastError: error instanceof Error ? error.message.slice(0, 1000) : String(error),
      });
      throw error;
    }
  }
}
