import { Module } from '@nestjs/common';
import { CouponsService } from './coupons.service';

/** Coupons and their redemptions by customers and subscriptions. */
@Module({
  providers: [CouponsService],
  exports: [CouponsService],
})
export class CouponsModule {}
