import { Module } from '@nestjs/common';
import { AuditModule } from '@app/core';
import { CustomersController } from './controllers/customers.controller';
import { CustomersService } from './services/customers.service';

/** Customers of an organisation: who it bills, in which currency and language, and where. */
@Module({
  imports: [AuditModule],
  controllers: [CustomersController],
  providers: [CustomersService],
  exports: [CustomersService],
})
export class CustomersModule {}
