import { IsEnum, IsOptional } from 'class-validator';
import { PageQuery } from '../../pagination/pagination';
import { QueueName } from '../../queue/jobs';

export class FailedJobsQuery extends PageQuery {
  @IsOptional()
  @IsEnum(QueueName)
  queue?: QueueName;
}

export class FailedJobResponse {
  queue: string;
  id: string;
  name: string;
  data: Record<string, unknown>;
  attemptsMade: number;
  failedReason: string;
  /** First lines of the last stack trace. */
  stacktrace: string | null;
  failedAt: string | null;
  createdAt: string;
}

export class FailedJobPage {
  data: FailedJobResponse[];
  nextCursor: string | null;
  hasMore: boolean;
}
