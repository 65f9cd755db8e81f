import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MailModule } from './mail/mail.module';
import { LoggerModule } from './observability/logger.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { DocumentStorageModule } from './storage/document-storage.module';

/**
 * What both the API and the worker need: config, logs, database, Redis, the outbox, mail, document storage,
 * the audit log.
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    MailModule,
    DocumentStorageModule,
    IdempotencyModule,
    AuditModule,
  ],
  exports: [
    ConfigModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    MailModule,
    DocumentStorageModule,
    IdempotencyModule,
    AuditModule,
  ],
})
export class CoreModule {}
