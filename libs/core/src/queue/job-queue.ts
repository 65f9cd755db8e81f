import { Injectable } from '@nestjs/common';
import { newId } from '../database/base.entity';
import { TransactionContext } from '../database/transaction-context';
import { EnqueueOptions, JobName, JobPayloads } from './jobs';
import { OutboxMessage } from './outbox.entity';

/**
 * The one way to enqueue a job. The job is written to the outbox in the caller's transaction (see
 * TransactionContext.run), so it exists if and only if the business change commits.
 */
@Injectable()
export class JobQueue {
  constructor(private readonly tx: TransactionContext) {}

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    const id = newId();
    await this.tx.manager.insert(OutboxMessage, { id, jobName: name, payload: payload as object, options });
    return id;
  }
}
