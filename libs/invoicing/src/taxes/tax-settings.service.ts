import { CatalogService } from '@app/catalog';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CustomersService } from '@app/customers';
import { TransactionContext, isUuid } from '@app/core';
import { PutChargeTaxRatesDto, PutCustomerTaxSettingsDto } from './dto/tax-settings.dto';
import { ChargeTaxRatesResponse, CustomerTaxSettingsResponse } from './dto/tax-rate.response';
import { ChargeTaxRates } from './entities/charge-tax-rates.entity';
import { CustomerTaxSettings } from './entities/customer-tax-settings.entity';
import { TaxRatesService } from './tax-rates.service';

export const REVERSE_CHARGE_NOTE =
  'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).';

const customerKey = (orgId: string, customerId: string): string =>
  `customer-tax-settings:${orgId}:${customerId}`;
const chargesKey = (orgId: string): string => `charge-tax-rates:${orgId}`;

const toSettings = (customerId: string, row: CustomerTaxSettings | null): CustomerTaxSettingsResponse => ({
  customerId,
  treatment: row?.treatment ?? 'taxable',
  taxRateIds: row?.taxRateIds ?? null,
  legalNote: row?.legalNote ?? null,
});

/**
 * Customer tax treatments and overrides, and plan-charge overrides. What invoice resolution reads is read once
 * per transaction (a billing batch preloads its customers' settings with `preloadCustomers`).
 */
@Injectable()
export class TaxSettingsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly rates: TaxRatesService,
    private readonly customers: CustomersService,
    private readonly catalog: CatalogService,
  ) {}

  /** The customer's settings; a customer without any is `taxable` with the org defaults. 404 for an unknown customer. */
  async getForCustomer(orgId: string, customerId: string): Promise<CustomerTaxSettingsResponse> {
    await this.customers.get(orgId, customerId);
    return this.settingsOf(orgId, customerId);
  }

  async putForCustomer(
    orgId: string,
    customerId: string,
    input: PutCustomerTaxSettingsDto,
  ): Promise<CustomerTaxSettingsResponse> {
    await this.customers.get(orgId, customerId);
    const taxRateIds = input.taxRateIds ?? null;
    if (taxRateIds) await this.rates.assertActive(orgId, taxRateIds, 'taxRateIds');
    const legalNote = input.legalNote ?? (input.treatment === 'reverse_charge' ? REVERSE_CHARGE_NOTE : null);
    await this.tx.manager.upsert(
      CustomerTaxSettings,
      { orgId, customerId, treatment: input.treatment, taxRateIds, legalNote },
      ['orgId', 'customerId'],
    );
    this.tx.forget(customerKey(orgId, customerId));
    return this.settingsOf(orgId, customerId);
  }

  /** Read without checking the customer exists: for invoice resolution, which has just read it. */
  settingsOf(orgId: string, customerId: string): Promise<CustomerTaxSettingsResponse> {
    return this.tx.memo(customerKey(orgId, customerId), async () =>
      toSettings(customerId, await this.tx.manager.findOneBy(CustomerTaxSettings, { orgId, customerId })),
    );
  }

  /** Reads the settings of many customers in one statement, for the rest of the transaction. */
  async preloadCustomers(orgId: string, customerIds: readonly string[]): Promise<void> {
    const ids = [...new Set(customerIds)].filter((id) => isUuid(id));
    if (ids.length === 0) return;
    const rows = await this.tx.manager.findBy(CustomerTaxSettings, { orgId, customerId: In(ids) });
    const byCustomer = new Map(rows.map((row) => [row.customerId, row]));
    for (const id of ids) {
      const settings = toSettings(id, byCustomer.get(id) ?? null);
      await this.tx.memo(customerKey(orgId, id), () => Promise.resolve(settings));
    }
  }

  /** 404 `plan_charge_not_found` for a charge of another organisation or none. */
  async getForCharge(orgId: string, chargeId: string): Promise<ChargeTaxRatesResponse> {
    await this.catalog.getPlanVersionOfCharge(orgId, chargeId);
    const byCharge = await this.chargeOverrides(orgId, [chargeId]);
    return { chargeId, taxRateIds: byCharge.get(chargeId) ?? null };
  }

  async putForCharge(
    orgId: string,
    chargeId: string,
    input: PutChargeTaxRatesDto,
  ): Promise<ChargeTaxRatesResponse> {
    await this.catalog.getPlanVersionOfCharge(orgId, chargeId);
    if (input.taxRateIds === null || input.taxRateIds === undefined) {
      if (isUuid(chargeId)) await this.tx.manager.delete(ChargeTaxRates, { orgId, chargeId });
    } else {
      await this.rates.assertActive(orgId, input.taxRateIds, 'taxRateIds');
      await this.tx.manager.upsert(ChargeTaxRates, { orgId, chargeId, taxRateIds: input.taxRateIds }, [
        'orgId',
        'chargeId',
      ]);
    }
    this.tx.forget(chargesKey(orgId));
    return this.getForCharge(orgId, chargeId);
  }

  /** Rate ids per charge id, for the charges that have an override. */
  async chargeOverrides(orgId: string, chargeIds: readonly string[]): Promise<Map<string, string[]>> {
    if (chargeIds.length === 0) return new Map();
    const all = await this.allChargeOverrides(orgId);
    return new Map(chargeIds.flatMap((id) => (all.has(id) ? [[id, all.get(id)!]] : [])));
  }

  /**
   * Every charge override of the organisation, read once per transaction: only overridden charges have a row,
   * and the invoices of a billing batch bill the same few plans.
   */
  private allChargeOverrides(orgId: string): Promise<Map<string, string[]>> {
    return this.tx.memo(chargesKey(orgId), async () => {
      const rows = await this.tx.manager.findBy(ChargeTaxRates, { orgId });
      return new Map(rows.map((row) => [row.chargeId, row.taxRateIds]));
    });
  }
}
