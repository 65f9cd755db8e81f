import { Module } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';
import { AuditRequestContextHooks } from './audit-request-context';
import { AuditService } from './audit.service';

/**
 * The audit log: `AuditService.record` for every domain (API and worker), the request context that fills
 * in ip, user agent and request id, and the reads behind the audit log routes. The routes and the
 * interceptor that records every mutating request are registered by `PlatformHttpModule`.
 */
@Module({
  providers: [AuditService, AuditLogRepository, AuditRequestContextHooks],
  exports: [AuditService, AuditLogRepository],
})
export class AuditModule {}
