import { Module } from '@nestjs/common';
import { ExecutionContext } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { principalOf } from '../http/request-principal';
import { REDIS } from '../redis/redis.module';
import { RateLimitGuard } from './rate-limit.guard';

const isAuthenticated = (context: ExecutionContext): boolean =>
  principalOf(context.switchToHttp().getRequest<FastifyRequest>()) !== undefined;

/** Two budgets: one per authenticated principal, a smaller one per IP for anonymous callers. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [
          {
            name: 'authenticated',
            ttl: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
            limit: config.RATE_LIMIT_AUTHENTICATED,
            skipIf: (context) => !isAuthenticated(context),
          },
          {
            name: 'anonymous',
            ttl: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
            limit: config.RATE_LIMIT_ANONYMOUS,
            skipIf: isAuthenticated,
          },
        ],
        storage: new ThrottlerStorageRedisService(redis),
        setHeaders: true,
      }),
    }),
  ],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard, ThrottlerModule],
})
export class RateLimitModule {}
