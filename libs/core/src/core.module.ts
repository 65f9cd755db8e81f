import { Module } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MailModule } from './mail/mail.module';
import { LoggerModule } from './observability/logger.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';

/** What both the API and the worker need: config, logs, database, Redis, the outbox and mail. */
@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    MailModule,
    IdempotencyModule,
  ],
  exports: [ConfigModule, DatabaseModule, RedisModule, QueueModule, MailModule, IdempotencyModule],
})
export class CoreModule {}
