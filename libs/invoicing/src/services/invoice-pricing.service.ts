import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DiscountInput } from '../calculation/invoice-calculation.types';
import { calculateInvoice } from '../calculation/invoice-calculator';
import { CouponsService } from '../coupons/coupons.service';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { InvoiceTaxResolution, TaxesService } from '../taxes/taxes.service';

/**
 * Resolves the taxes and coupons that apply to an invoice and runs the invoice calculator over its lines.
 * Drafts are re-priced on every change (for display); finalization prices once more and freezes the result.
 */
@Injectable()
export class InvoicePricingService {
  constructor(
    private readonly taxes: TaxesService,
    private readonly coupons: CouponsService,
  ) {}

  /**
   * Provisional amounts without taxes or coupons, for a draft finalized in the same transaction (finalization
   * prices it for real): spares the reads of a pricing that would be thrown away.
   */
  priceProvisionally(invoice: Invoice, lines: InvoiceLine[]): void {
    this.apply(invoice, lines, { treatment: 'taxable', legalNote: null, ratesByKey: {} }, []);
  }

  /** Sets the computed amounts on `invoice` and `lines` in memory. */
  async price(orgId: string, invoice: Invoice, lines: InvoiceLine[]): Promise<void> {
    const [resolution, discounts] = await Promise.all([
      this.taxes.resolveForInvoice(
        orgId,
        invoice.customerId,
        lines.map((l) => ({ key: l.id, taxRateIds: l.taxRateIds, chargeId: l.chargeId })),
      ),
      this.coupons.discountsFor(orgId, {
        customerId: invoice.customerId,
        subscriptionId: invoice.subscriptionId,
        currency: invoice.currency,
      }),
    ]);
    this.apply(invoice, lines, resolution, discounts);
  }

  private apply(
    invoice: Invoice,
    lines: InvoiceLine[],
    resolution: InvoiceTaxResolution,
    discounts: DiscountInput[],
  ): void {
    const result = calculateInvoice({
      currency: invoice.currency,
      discounts,
      lines: lines.map((l) => ({
        key: l.id,
        amount: l.amount,
        discountable: l.discountable,
        taxRates: resolution.ratesByKey[l.id] ?? [],
      })),
    });
    const byKey = new Map(result.lines.map((r) => [r.key, r]));
    for (const line of lines) {
      const r = byKey.get(line.id)!;
      line.discountAmount = r.discountAmount;
      line.discounts = r.discounts;
      line.taxes = r.taxes;
      line.taxAmount = r.taxAmount;
      line.total = r.total;
    }
    invoice.subtotal = result.subtotal;
    invoice.discountTotal = result.discountTotal;
    invoice.taxTotal = result.taxTotal;
    invoice.total = result.total;
    invoice.amountDue = result.total - invoice.creditsApplied;
    invoice.amountRemaining = invoice.amountDue - invoice.amountPaid;
    invoice.taxBreakdown = result.taxBreakdown;
    invoice.discountBreakdown = result.discountBreakdown;
    invoice.taxTreatment = resolution.treatment;
    invoice.legalNote = resolution.legalNote;
  }

  /** Writes the computed amounts of existing lines in one statement. */
  async saveLineAmounts(manager: EntityManager, orgId: string, lines: InvoiceLine[]): Promise<void> {
    if (lines.length === 0) return;
    await manager.query(
      `UPDATE invoice_lines l
       SET discount_amount = v.discount_amount, discounts = v.discounts, taxes = v.taxes,
           tax_amount = v.tax_amount, total = v.total, updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS v(id uuid, discount_amount bigint, discounts jsonb, taxes jsonb,
                                               tax_amount bigint, total bigint)
       WHERE l.org_id = $1 AND l.id = v.id`,
      [
        orgId,
        JSON.stringify(
          lines.map((l) => ({
            id: l.id,
            discount_amount: l.discountAmount,
            discounts: l.discounts,
            taxes: l.taxes,
            tax_amount: l.taxAmount,
            total: l.total,
          })),
        ),
      ],
    );
  }
}
