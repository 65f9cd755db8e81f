import { Module } from '@nestjs/common';

/** Tax rates, org defaults, customer and charge overrides. */
@Module({})
export class TaxesModule {}
