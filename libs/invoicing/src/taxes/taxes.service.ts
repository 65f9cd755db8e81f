import { Injectable } from '@nestjs/common';
import { TaxRateInput } from '../calculation/invoice-calculation.types';
import { TaxTreatment } from './entities/customer-tax-settings.entity';
import { TaxRatesService, toTaxRateInput } from './tax-rates.service';
import { TaxSettingsService } from './tax-settings.service';

export type { TaxTreatment } from './entities/customer-tax-settings.entity';

export interface TaxableLineRef {
  key: string;
  /** Rates chosen explicitly on the line (manual lines); wins over every other rule when set. */
  taxRateIds?: string[] | null;
  /** The plan charge the line bills, for charge-level overrides. */
  chargeId?: string | null;
}

export interface InvoiceTaxResolution {
  treatment: TaxTreatment;
  /** The legal note to print (reverse charge), or null. */
  legalNote: string | null;
  /** Rates per line key (empty for exempt and reverse-charge customers). */
  ratesByKey: Record<string, TaxRateInput[]>;
}

/** Tax rates and which apply: line override > charge override > customer override > org defaults. */
@Injectable()
export class TaxesService {
  constructor(
    private readonly rates: TaxRatesService,
    private readonly settings: TaxSettingsService,
  ) {}

  /** Reads the tax settings of many customers in one statement, for the rest of the transaction. */
  preloadCustomers(orgId: string, customerIds: readonly string[]): Promise<void> {
    return this.settings.preloadCustomers(orgId, customerIds);
  }

  /**
   * 422 (`invalid_tax_rate`) when an explicit rate id is unknown or inactive (checked for every customer).
   * Exempt and reverse-charge customers get no rates. Otherwise each line gets the first rule that is set:
   * its explicit ids, its charge's override, the customer's override, the org's active defaults. Rates of
   * overrides deactivated since are skipped.
   */
  async resolveForInvoice(
    orgId: string,
    customerId: string,
    lines: TaxableLineRef[],
  ): Promise<InvoiceTaxResolution> {
    const explicit = lines.flatMap((line) => line.taxRateIds ?? []);
    await this.rates.assertActive(orgId, explicit, 'taxRateIds');
    const customer = await this.settings.settingsOf(orgId, customerId);
    if (customer.treatment !== 'taxable')
      return {
        treatment: customer.treatment,
        legalNote: customer.legalNote,
        ratesByKey: Object.fromEntries(lines.map((line) => [line.key, []])),
      };
    const byCharge = await this.settings.chargeOverrides(
      orgId,
      lines.flatMap((line) => (line.chargeId ? [line.chargeId] : [])),
    );
    const defaults = (await this.rates.defaults(orgId)).map((rate) => rate.id);
    const idsOf = (line: TaxableLineRef): string[] =>
      line.taxRateIds ??
      (line.chargeId ? byCharge.get(line.chargeId) : undefined) ??
      customer.taxRateIds ??
      defaults;
    const active = await this.rates.activeByIds(orgId, [...new Set(lines.flatMap(idsOf))]);
    return {
      treatment: 'taxable',
      legalNote: customer.legalNote,
      ratesByKey: Object.fromEntries(
        lines.map((line) => [
          line.key,
          idsOf(line).flatMap((id) => {
            const rate = active.get(id);
            return rate ? [toTaxRateInput(rate)] : [];
          }),
        ]),
      ),
    };
  }
}
