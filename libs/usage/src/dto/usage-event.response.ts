import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UsageRejection } from '../usage.errors';

export class UsageEventResult {
  /** Position of the event in the request. */
  @ApiProperty()
  index: number;

  @ApiProperty({ type: String, nullable: true })
  transactionId: string | null;

  @ApiProperty({ enum: ['accepted', 'duplicate', 'rejected'] })
  status: 'accepted' | 'duplicate' | 'rejected';

  @ApiPropertyOptional({ enum: UsageRejection })
  reason?: UsageRejection;

  @ApiPropertyOptional()
  message?: string;
}

export class UsageEventBatchResponse {
  @ApiProperty()
  accepted: number;

  @ApiProperty()
  duplicates: number;

  @ApiProperty()
  rejected: number;

  /** One result per event, in input order. */
  @ApiProperty({ type: [UsageEventResult] })
  results: UsageEventResult[];
}
