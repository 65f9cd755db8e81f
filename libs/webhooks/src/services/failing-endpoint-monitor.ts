import { Injectable } from '@nestjs/common';
import { MailService, TransactionContext } from '@app/core';
import { MembersService, Role } from '@app/auth';
import { WebhookRetrySchedule } from '../delivery/webhook-retry-schedule';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import { endpointDisabledTemplate } from '../mail/endpoint-disabled.template';

const ADMIN_ROLES: readonly string[] = [Role.Owner, Role.Admin];

/**
 * Tracks since when an endpoint has been failing, and disables it (emailing the organisation's owners and
 * admins once) when no delivery has succeeded for `disableEndpointAfterMs`. Runs in the caller's transaction.
 */
@Injectable()
export class FailingEndpointMonitor {
  constructor(
    private readonly tx: TransactionContext,
    private readonly mail: MailService,
    private readonly members: MembersService,
    private readonly schedule: WebhookRetrySchedule,
  ) {}

  async recordSuccess(orgId: string, endpointId: string): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .update(WebhookEndpoint)
      .set({ failingSince: null })
      .where('org_id = :orgId AND id = :endpointId AND failing_since IS NOT NULL', { orgId, endpointId })
      .execute();
  }

  /** Returns true when this failure disabled the endpoint. */
  async recordFailure(orgId: string, endpointId: string, now: Date, lastError: string): Promise<boolean> {
    const cutoff = new Date(now.getTime() - this.schedule.disableEndpointAfterMs);
    await this.tx.manager
      .createQueryBuilder()
      .update(WebhookEndpoint)
      .set({ failingSince: () => 'COALESCE(failing_since, :now)' })
      .setParameter('now', now)
      .where('org_id = :orgId AND id = :endpointId', { orgId, endpointId })
      .execute();
    // Conditional, so that concurrent failures disable (and email) once.
    const disabled = await this.tx.manager
      .createQueryBuilder()
      .update(WebhookEndpoint)
      .set({ enabled: false, disabledReason: 'failing' })
      .where('org_id = :orgId AND id = :endpointId AND enabled AND failing_since <= :cutoff', {
        orgId,
        endpointId,
        cutoff,
      })
      .returning('url, failing_since')
      .execute();
    const row = (disabled.raw as { url: string; failing_since: Date }[])[0];
    if (!row) return false;
    const admins = (await this.members.list(orgId)).filter((m) => ADMIN_ROLES.includes(m.role));
    if (admins.length > 0) {
      await this.mail.send({
        orgId,
        to: admins.map((m) => m.email),
        template: endpointDisabledTemplate,
        context: {
          url: row.url,
          endpointId,
          failingSince: new Date(row.failing_since).toISOString(),
          lastError,
        },
      });
    }
    return true;
  }
}
