import { Module } from '@nestjs/common';

/** Coupons and their redemptions by customers and subscriptions. */
@Module({})
export class CouponsModule {}
