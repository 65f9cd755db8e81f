import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-codes';
import { NoRateLimit } from '../rate-limit/no-rate-limit.decorator';
import { RedisHealthIndicator } from './redis.health';
import { Public } from '../http/access.decorators';

@ApiTags('health')
@NoRateLimit()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** Liveness: the process is up and its event loop answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * Readiness: Postgres and Redis answer. Otherwise a 503 problem+json naming what is down, so the load
   * balancer stops routing here.
   */
  @Get('ready')
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1500 }),
        () => this.redis.isHealthy('redis'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.entries(result.error ?? {}).map(
        ([name, state]) =>
          `${name} is down${typeof state?.message === 'string' ? ` (${state.message})` : ''}`,
      );
      throw new AppError(503, CoreErrorCode.NotReady, `Not ready: ${down.join('; ')}.`);
    }
  }
}
