import { INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule } from '@app/core';

/** A Nest application context with the core module (database, Redis, outbox, mail) and no HTTP server. */
export async function startCoreContext(imports: Type<unknown>[] = []): Promise<INestApplicationContext> {
  @Module({ imports: [CoreModule, ...imports] })
  class CoreTestModule {}
  const context = await NestFactory.createApplicationContext(CoreTestModule, { logger: false });
  await context.init();
  return context;
}
