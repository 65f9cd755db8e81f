import { Module } from '@nestjs/common';

/** Date-effective FX rates to the org's base currency, for reporting only. */
@Module({})
export class FxModule {}
