import { Module } from '@nestjs/common';
import { TaxesService } from './taxes.service';

/** Tax rates, org defaults, customer and charge overrides. */
@Module({
  providers: [TaxesService],
  exports: [TaxesService],
})
export class TaxesModule {}
