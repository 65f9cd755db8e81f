import { Injectable } from '@nestjs/common';
import { DisputeEventPayload, Email, MailService } from '@app/core';
import { MembersService, OrganizationsService, Role } from '@app/auth';
import { CustomersService } from '@app/customers';
import { MailFormat } from './mailer/mail-format';
import { disputeClosedTemplate, disputeOpenedTemplate } from './templates/dispute-emails.templates';

const ADMIN_ROLES: readonly string[] = [Role.Owner, Role.Admin];

/**
 * Tells the organisation's owners and admins (not the customer) that a payment was disputed, and how the
 * dispute ended. Once per event (the dedupe key).
 */
@Injectable()
export class DisputeNotifications {
  constructor(
    private readonly mail: MailService,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
    private readonly customers: CustomersService,
  ) {}

  async alert(dispute: DisputeEventPayload, closed: boolean, dedupeKey: string): Promise<Email | null> {
    const admins = (await this.members.list(dispute.orgId)).filter((m) => ADMIN_ROLES.includes(m.role));
    if (admins.length === 0) return null;
    const org = await this.organizations.get(dispute.orgId);
    const customer = await this.customers.get(dispute.orgId, dispute.customerId);
    const format = new MailFormat(org.locale, org.timezone);
    return this.mail.send({
      orgId: dispute.orgId,
      to: admins.map((m) => m.email),
      template: closed ? disputeClosedTemplate : disputeOpenedTemplate,
      context: {
        customerName: customer.legalName ?? customer.name,
        amount: format.money(dispute.amount, dispute.currency),
        reason: dispute.reason,
        status: dispute.status,
        disputeId: dispute.disputeId,
        paymentId: dispute.paymentId,
      },
      dedupeKey,
    });
  }
}
