import { Injectable, Logger } from '@nestjs/common';
import { Email, EmailAttachment, MailService, MailTemplate, NotFoundError } from '@app/core';
import { OrganizationsService } from '@app/auth';
import { CustomerResponse, CustomersService } from '@app/customers';
import { BrandingService } from '@app/documents';
import { NotificationKind } from '../notification-kinds';
import { CustomerNotificationPreferencesService } from '../preferences/customer-notification-preferences.service';
import { NotificationSettingsService, orgSends } from '../settings/notification-settings.service';
import { Parties } from '../templates/template-parts';
import { MailFormat } from './mail-format';

/** What a notification's context is built from. */
export interface Audience {
  parties: Parties;
  customer: CustomerResponse;
  format: MailFormat;
}

export interface CustomerNotification<C extends Parties> {
  kind: NotificationKind;
  customerId: string;
  /** The cause; the same key never sends twice (see MailService). */
  dedupeKey: string;
  template: MailTemplate<C>;
  context: (audience: Audience) => C | Promise<C>;
  /** Read only when the email is going to be sent (a PDF is rendered on demand). */
  attachments?: () => Promise<EmailAttachment[]>;
  /** An explicit request: sent whatever the org's settings and the customer's opt-outs say. */
  force?: boolean;
}

/**
 * Sends a customer one notification when the org's settings and the customer's preferences allow it: to
 * its first billing email, the others and its extra addresses in CC, branded, in its locale. Returns null
 * when nothing is sent (not allowed, no address, or already sent for this cause).
 */
@Injectable()
export class NotificationMailer {
  private readonly logger = new Logger(NotificationMailer.name);

  constructor(
    private readonly mail: MailService,
    private readonly customers: CustomersService,
    private readonly organizations: OrganizationsService,
    private readonly branding: BrandingService,
    private readonly settings: NotificationSettingsService,
    private readonly preferences: CustomerNotificationPreferencesService,
  ) {}

  async toCustomer<C extends Parties>(
    orgId: string,
    notification: CustomerNotification<C>,
  ): Promise<Email | null> {
    const settings = await this.settings.get(orgId);
    if (!notification.force && !orgSends(settings, notification.kind)) return null;
    if (await this.mail.findByDedupeKey(notification.dedupeKey)) return null;

    const customer = await this.existingCustomer(orgId, notification.customerId);
    if (!customer) return null;
    const preferences = await this.preferences.read(orgId, customer.id);
    if (!notification.force && preferences.optedOut.includes(notification.kind)) return null;
    const [to, ...billingCc] = customer.billingEmails;
    if (!to) {
      this.logger.warn(
        `Customer ${customer.id} of org ${orgId} has no billing email: ${notification.kind} not sent`,
      );
      return null;
    }

    const org = await this.organizations.get(orgId);
    const brand = await this.branding.forOrg(orgId);
    const format = new MailFormat(customer.locale ?? org.locale, customer.timezone ?? org.timezone);
    const parties = { orgName: org.name, customerName: customer.legalName ?? customer.name };
    const context = await notification.context({ parties, customer, format });
    const lower = to.toLowerCase();
    const cc = [...new Set([...billingCc, ...preferences.cc].map((address) => address.toLowerCase()))].filter(
      (address) => address !== lower,
    );
    return this.mail.send({
      orgId,
      customerId: customer.id,
      to: [to],
      cc,
      replyTo: settings.replyTo,
      template: notification.template,
      context,
      branding: {
        accentColor: brand.accentColor,
        footer: brand.footer,
        logoDataUri: brand.logoDataUri,
        senderName: org.name,
      },
      attachments: notification.attachments ? await notification.attachments() : [],
      dedupeKey: notification.dedupeKey,
    });
  }

  /** A customer deleted since the cause: nothing to send, and no reason to retry. */
  private async existingCustomer(orgId: string, customerId: string): Promise<CustomerResponse | null> {
    try {
      return await this.customers.get(orgId, customerId);
    } catch (error) {
      if (error instanceof NotFoundError) {
        this.logger.warn(`Customer ${customerId} of org ${orgId} no longer exists: nothing sent`);
        return null;
      }
      throw error;
    }
  }
}
