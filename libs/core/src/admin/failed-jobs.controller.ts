import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AppError, NotFoundError } from '../errors/app-error';
import { Page, decodeCursor, toPage } from '../pagination/pagination';
import { QueueName } from '../queue/jobs';
import { QueueRegistry } from '../queue/queue-registry';
import { FailedJobPage, FailedJobResponse, FailedJobsQuery } from './dto/failed-job.dto';
import { OperatorGuard } from './operator.guard';
import { Public } from '../http/access.decorators';

/** Jobs that failed for good (retries exhausted or unrecoverable), kept until an operator retries them. */
@ApiTags('operator')
@ApiBearerAuth('operator')
@UseGuards(OperatorGuard)
@Public()
@Controller('admin/jobs')
export class FailedJobsController {
  constructor(private readonly queues: QueueRegistry) {}

  @Get('failed')
  async list(@Query() query: FailedJobsQuery): Promise<FailedJobPage> {
    const queueNames = query.queue ? [query.queue] : Object.values(QueueName);
    const { offset = 0 } = query.cursor ? decodeCursor<{ offset?: number }>(query.cursor) : {};
    const jobs = (
      await Promise.all(
        queueNames.map(async (name) =>
          (await this.queues.get(name).getFailed(0, -1)).map((job) => ({ name, job })),
        ),
      )
    )
      .flat()
      .sort((a, b) => (b.job.finishedOn ?? 0) - (a.job.finishedOn ?? 0))
      .slice(offset, offset + query.limit + 1)
      .map(({ name, job }) => ({
        queue: name,
        id: String(job.id),
        name: job.name,
        data: job.data as Record<string, unknown>,
        attemptsMade: job.attemptsMade,
        failedReason: job.failedReason,
        stacktrace: job.stacktrace?.[job.stacktrace.length - 1]?.split('\n').slice(0, 8).join('\n') ?? null,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        createdAt: new Date(job.timestamp).toISOString(),
      }));
    const page: Page<FailedJobResponse> = toPage(jobs, query.limit, () => ({ offset: offset + query.limit }));
    return page;
  }

  /** Puts a failed job back in its queue for a fresh set of attempts. */
  @Post(':queue/:id/retry')
  @HttpCode(202)
  async retry(
    @Param('queue') queueName: string,
    @Param('id') id: string,
  ): Promise<{ queue: string; id: string; state: string }> {
    if (!Object.values(QueueName).includes(queueName as QueueName))
      throw new NotFoundError('queue', queueName);
    const job = await this.queues.get(queueName as QueueName).getJob(id);
    if (!job) throw new NotFoundError('job', id);
    if (!(await job.isFailed()))
      throw new AppError(409, 'job_not_failed', `Job ${id} is not in the failed state.`);
    await job.retry('failed', { resetAttemptsMade: true });
    return { queue: queueName, id, state: await job.getState() };
  }
}
