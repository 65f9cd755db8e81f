import { Module } from '@nestjs/common';
import { CatalogModule } from '@app/catalog';
import { CustomersModule } from '@app/customers';
import { TaxRatesController } from './controllers/tax-rates.controller';
import { TaxSettingsController } from './controllers/tax-settings.controller';
import { TaxRatesService } from './tax-rates.service';
import { TaxSettingsService } from './tax-settings.service';
import { TaxesService } from './taxes.service';

/** Tax rates, org defaults, customer and charge overrides. */
@Module({
  imports: [CustomersModule, CatalogModule],
  controllers: [TaxRatesController, TaxSettingsController],
  providers: [TaxRatesService, TaxSettingsService, TaxesService],
  exports: [TaxesService],
})
export class TaxesModule {}
