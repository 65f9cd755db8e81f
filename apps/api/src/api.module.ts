import { Module } from '@nestjs/common';
import { CoreModule, PlatformHttpModule } from '@app/core';

/** The HTTP app: the platform plus every domain's controllers. */
@Module({
  imports: [CoreModule, PlatformHttpModule],
})
export class ApiModule {}
