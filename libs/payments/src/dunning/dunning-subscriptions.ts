import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import { InvoicesService } from '@app/invoicing';
import { SubscriptionsService } from '@app/subscriptions';
import { DunningFinalAction } from '../settings/payment-settings.entity';
import { InvoiceDunning } from './invoice-dunning.entity';

/**
 * Whether an invoice's dunning keeps its customer's subscriptions past_due: once the grace period ended, while
 * the invoice is still owed, i.e. dunning is active or ran out with any final action but a write-off.
 */
export const holdsPastDue = (d: Pick<InvoiceDunning, 'status' | 'finalAction' | 'pastDueAt'>): boolean =>
  d.pastDueAt !== null && stillOwed(d);

export const stillOwed = (d: Pick<InvoiceDunning, 'status' | 'finalAction'>): boolean =>
  d.status === 'active' || (d.status === 'exhausted' && d.finalAction !== 'mark_uncollectible');

/** What dunning does to the invoice and subscriptions: past_due after the grace period, the final action. */
@Injectable()
export class DunningSubscriptions {
  constructor(
    private readonly tx: TransactionContext,
    private readonly invoices: InvoicesService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  /** The customer's active subscriptions become past_due. */
  async markPastDue(orgId: string, customerId: string): Promise<void> {
    for (const s of await this.subscriptions.activeForCustomer(orgId, customerId))
      if (s.status === 'active') await this.subscriptions.markPastDue(orgId, s.id);
  }

  /** Back to active, unless another invoice of the customer still holds them past_due. */
  async release(dunning: InvoiceDunning): Promise<void> {
    if (dunning.pastDueAt === null || holdsPastDue(dunning)) return;
    const holders = await this.tx.manager
      .createQueryBuilder(InvoiceDunning, 'd')
      .where('d.org_id = :orgId AND d.customer_id = :customerId AND d.id <> :id', {
        orgId: dunning.orgId,
        customerId: dunning.customerId,
        id: dunning.id,
      })
      .andWhere('d.past_due_at IS NOT NULL')
      .andWhere(
        `(d.status = 'active' OR (d.status = 'exhausted' AND d.final_action <> 'mark_uncollectible'))`,
      )
      .getCount();
    if (holders > 0) return;
    for (const s of await this.subscriptions.activeForCustomer(dunning.orgId, dunning.customerId))
      if (s.status === 'past_due') await this.subscriptions.clearPastDue(dunning.orgId, s.id);
  }

  /** The last step failed: write the invoice off, pause or cancel its subscription, or leave it open. */
  async takeFinalAction(dunning: InvoiceDunning, action: DunningFinalAction, now: Date): Promise<void> {
    const { orgId, invoiceId } = dunning;
    if (action === 'mark_uncollectible') {
      await this.invoices.markUncollectible(orgId, invoiceId, now);
      return;
    }
    if (action === 'leave_open') return;
    const { subscriptionId } = await this.invoices.get(orgId, invoiceId);
    if (!subscriptionId) return;
    const subscription = await this.subscriptions.get(orgId, subscriptionId);
    if (action === 'pause_subscription' && !['paused', 'canceled'].includes(subscription.status))
      await this.subscriptions.pause(orgId, subscriptionId, now);
    if (action === 'cancel_subscription' && subscription.status !== 'canceled')
      await this.subscriptions.cancel(orgId, subscriptionId, false, now);
  }
}
