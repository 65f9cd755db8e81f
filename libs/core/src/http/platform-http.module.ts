import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { EmailsController } from '../admin/emails.controller';
import { FailedJobsController } from '../admin/failed-jobs.controller';
import { OperatorGuard } from '../admin/operator.guard';
import { AuditLogController } from '../audit/audit-log.controller';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuditModule } from '../audit/audit.module';
import { ProblemFilter } from '../errors/problem.filter';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { HealthController } from '../observability/health.controller';
import { MetricsController } from '../observability/metrics.controller';
import { RedisHealthIndicator } from '../observability/redis.health';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { RateLimitModule } from '../rate-limit/rate-limit.module';

/**
 * The HTTP platform of the API: problem+json errors, idempotency keys, rate limits, health, metrics, the
 * audit log (routes and the interceptor recording every mutating request) and the operator routes. Domain
 * modules add their controllers next to it.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false }), RateLimitModule, IdempotencyModule, AuditModule],
  controllers: [
    HealthController,
    MetricsController,
    FailedJobsController,
    EmailsController,
    AuditLogController,
  ],
  providers: [
    RedisHealthIndicator,
    OperatorGuard,
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    // after (inside) idempotency, so that a replayed response is not recorded a second time
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
})
export class PlatformHttpModule {}
