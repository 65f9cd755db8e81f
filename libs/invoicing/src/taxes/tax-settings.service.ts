import { CatalogService } from '@app/catalog';
import { Injectable } from '@nestjs/common';
import { CustomersService } from '@app/customers';
import { TransactionContext, isUuid } from '@app/core';
import { PutChargeTaxRatesDto, PutCustomerTaxSettingsDto } from './dto/tax-settings.dto';
import { ChargeTaxRatesResponse, CustomerTaxSettingsResponse } from './dto/tax-rate.response';
import { ChargeTaxRates } from './entities/charge-tax-rates.entity';
import { CustomerTaxSettings } from './entities/customer-tax-settings.entity';
import { TaxRatesService } from './tax-rates.service';

export const REVERSE_CHARGE_NOTE =
  'Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).';

/** Customer tax treatments and overrides, and plan-charge overrides. */
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
    return this.settingsOf(orgId, customerId);
  }

  /** Read without checking the customer exists: for invoice resolution, which has just read it. */
  async settingsOf(orgId: string, customerId: string): Promise<CustomerTaxSettingsResponse> {
    const row = await this.tx.manager.findOneBy(CustomerTaxSettings, { orgId, customerId });
    return {
      customerId,
      treatment: row?.treatment ?? 'taxable',
      taxRateIds: row?.taxRateIds ?? null,
      legalNote: row?.legalNote ?? null,
    };
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
    return this.getForCharge(orgId, chargeId);
  }

  /** Rate ids per charge id, for the charges that have an override. */
  async chargeOverrides(orgId: string, chargeIds: readonly string[]): Promise<Map<string, string[]>> {
    const valid = [...new Set(chargeIds)].filter((id) => isUuid(id));
    if (valid.length === 0) return new Map();
    const rows = await this.tx.manager
      .createQueryBuilder(ChargeTaxRates, 'c')
      .where('c.org_id = :orgId AND c.charge_id IN (:...valid)', { orgId, valid })
      .getMany();
    return new Map(rows.map((row) => [row.chargeId, row.taxRateIds]));
  }
}
