import { Module } from '@nestjs/common';
import { CustomersModule } from '@app/customers';
import { SubscriptionsModule } from '@app/subscriptions';
import { CouponApplicationsService } from './coupon-applications.service';
import { CouponDefinitionsService } from './coupon-definitions.service';
import { CouponsController } from './controllers/coupons.controller';
import { CustomerCouponsController } from './controllers/customer-coupons.controller';
import { CouponsService } from './coupons.service';

/** Coupons and their redemptions by customers and subscriptions. */
@Module({
  imports: [CustomersModule, SubscriptionsModule],
  controllers: [CouponsController, CustomerCouponsController],
  providers: [CouponsService, CouponDefinitionsService, CouponApplicationsService],
  exports: [CouponsService],
})
export class CouponsModule {}
