import { Module } from '@nestjs/common';
import { FxController } from './controllers/fx.controller';
import { FxService } from './fx.service';

/** Date-effective FX rates to the org's reporting currency, for reporting only. */
@Module({
  controllers: [FxController],
  providers: [FxService],
  exports: [FxService],
})
export class FxModule {}
