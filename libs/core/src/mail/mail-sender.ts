import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobHandler } from '../queue/job-handler.decorator';
import { JobName, JobPayloads } from '../queue/jobs';
import { DocumentStorage } from '../storage/document-storage';
import { Email, EmailStatus } from './email.entity';
import { MailTransport, OutgoingAttachment } from './mail-transport';

/**
 * Delivers a queued email. The Message-ID is derived from the email id, so if the process dies between
 * the SMTP hand-off and recording it, the retry sends a message that receivers can recognise as the same.
 * Attachments are stored documents, read at send time (the emails table holds references, not copies).
 */
@Injectable()
export class MailSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    private readonly documents: DocumentStorage,
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
        replyTo: email.replyTo,
        subject: email.subject,
        html: email.html,
        text: email.text,
        attachments: await this.attachments(email),
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

  private async attachments(email: Email): Promise<OutgoingAttachment[]> {
    if (email.attachments.length === 0) return [];
    const orgId = email.orgId;
    if (!orgId) throw new Error('Platform emails (without an org) cannot attach documents');
    return Promise.all(
      email.attachments.map(async ({ documentId, filename, contentType }) => {
        const document = await this.documents.get(orgId, documentId);
        if (!document) throw new Error(`Attachment ${documentId} (${filename}) is not in document storage`);
        return { filename, contentType, content: document.content };
      }),
    );
  }
}
