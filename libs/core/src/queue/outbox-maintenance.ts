import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobHandler } from './job-handler.decorator';
import { JobName } from './jobs';
import { OutboxMessage } from './outbox.entity';

/** Relayed outbox rows are kept a week (for audits of what was enqueued), then deleted nightly. */
@Injectable()
export class OutboxMaintenance {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @JobHandler(JobName.PurgeSentOutbox, { schedule: '17 3 * * *' })
  async purgeSent(): Promise<{ deleted: number }> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(OutboxMessage)
      .where(`sent_at IS NOT NULL AND sent_at < now() - interval '7 days'`)
      .execute();
    return { deleted: result.affected ?? 0 };
  }
}
