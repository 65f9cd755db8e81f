import { Module } from '@nestjs/common';
import { CoreModule, PlatformHttpModule } from '@app/core';
import { AuthModule } from '@app/auth';
import { CustomersModule } from '@app/customers';
import { CatalogModule } from '@app/catalog';

/** The HTTP app: the platform plus every domain's controllers. */
@Module({
  imports: [CoreModule, PlatformHttpModule, AuthModule, CustomersModule, CatalogModule],
})
export class ApiModule {}
