import { Injectable, Module } from '@nestjs/common';
import { JobHandler } from '../queue/job-handler.decorator';
import { JobName } from '../queue/jobs';
import { IdempotencyStore } from './idempotency.store';

@Injectable()
export class IdempotencyMaintenance {
  constructor(private readonly store: IdempotencyStore) {}

  @JobHandler(JobName.PurgeIdempotencyKeys, { schedule: '*/15 * * * *' })
  async purge(): Promise<{ deleted: number }> {
    return { deleted: await this.store.purgeExpired() };
  }
}

@Module({
  providers: [IdempotencyStore, IdempotencyMaintenance],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}
