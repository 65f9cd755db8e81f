import { Module } from '@nestjs/common';
import { CoreModule, PlatformHttpModule } from '@app/core';
import { AuthModule } from '@app/auth';

/** The HTTP app: the platform plus every domain's controllers. */
@Module({
  imports: [CoreModule, PlatformHttpModule, AuthModule],
})
export class ApiModule {}
