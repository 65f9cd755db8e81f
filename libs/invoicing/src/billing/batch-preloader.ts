import { Injectable } from '@nestjs/common';
import { CreditsService } from '@app/credits';
import { CouponsService } from '../coupons/coupons.service';
import { InvoicesService } from '../services/invoices.service';
import { TaxesService } from '../taxes/taxes.service';
import { BillingCycle } from './billing-cycle.entity';

/**
 * Reads, for a whole billing batch and in one statement each, what building and finalizing its invoices
 * would read once per invoice: the customers, their tax settings, their live coupons, and which of them have
 * credit to spend. Each service keeps what it read for the rest of the transaction (TransactionContext.memo),
 * so the per-cycle code is the same as for a single invoice and simply finds it there.
 */
@Injectable()
export class BatchPreloader {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly taxes: TaxesService,
    private readonly coupons: CouponsService,
    private readonly credits: CreditsService,
  ) {}

  async preload(cycles: BillingCycle[]): Promise<void> {
    const byOrg = new Map<string, string[]>();
    for (const cycle of cycles) byOrg.set(cycle.orgId, [...(byOrg.get(cycle.orgId) ?? []), cycle.customerId]);
    for (const [orgId, customerIds] of byOrg) {
      const customers = await this.invoices.preloadCustomers(orgId, customerIds);
      await this.taxes.preloadCustomers(orgId, customerIds);
      await this.coupons.preloadCustomers(orgId, customerIds);
      // A billing invoice is in its customer's currency.
      const byCurrency = new Map<string, string[]>();
      for (const c of customers) byCurrency.set(c.currency, [...(byCurrency.get(c.currency) ?? []), c.id]);
      for (const [currency, ids] of byCurrency) await this.credits.preloadHolders(orgId, ids, currency);
    }
  }
}
