import { Global, Module } from '@nestjs/common';
import { SecretBox } from '../crypto/secret-box';
import { AppConfig } from './app-config';
import { loadConfig } from './load-config';

/** The validated configuration, and what is derived from its keys (SecretBox), for every module. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }, SecretBox],
  exports: [AppConfig, SecretBox],
})
export class ConfigModule {}
