import { Injectable } from '@nestjs/common';
import { Email, TransactionContext, isUuid, paginateById } from '@app/core';
import { emailNotFound } from '../notifications.errors';
import { EmailLogQuery } from './email-log.dto';
import { EmailLogDetailResponse, EmailLogPageResponse, EmailLogResponse } from './email-log.response';

const toResponse = (email: Email): EmailLogResponse => ({
  id: email.id,
  customerId: email.customerId,
  to: email.to,
  cc: email.cc,
  replyTo: email.replyTo,
  template: email.template,
  subject: email.subject,
  attachments: email.attachments,
  status: email.status,
  attempts: email.attempts,
  lastError: email.lastError,
  providerMessageId: email.providerMessageId,
  createdAt: email.createdAt,
  sentAt: email.sentAt,
});

/** The organisation's email log: what was sent to whom, and how delivery went. */
@Injectable()
export class EmailLogService {
  constructor(private readonly tx: TransactionContext) {}

  async list(orgId: string, query: EmailLogQuery): Promise<EmailLogPageResponse> {
    const qb = this.tx.manager.createQueryBuilder(Email, 'e').where('e.org_id = :orgId', { orgId });
    if (query.customerId) qb.andWhere('e.customer_id = :customerId', { customerId: query.customerId });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.template) qb.andWhere('e.template = :template', { template: query.template });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toResponse) };
  }

  async get(orgId: string, id: string): Promise<EmailLogDetailResponse> {
    const email = isUuid(id) ? await this.tx.manager.findOneBy(Email, { orgId, id }) : null;
    if (!email) throw emailNotFound(id);
    return { ...toResponse(email), html: email.html, text: email.text };
  }
}
