import { ArrayMaxSize, ArrayMinSize, IsEmail, IsEnum, IsOptional } from 'class-validator';
import { EmailStatus } from '../../mail/email.entity';
import { PageQuery } from '../../pagination/pagination';

export class EmailsQuery extends PageQuery {
  @IsOptional()
  @IsEnum(EmailStatus)
  status?: EmailStatus;
}

export class SendTestEmailDto {
  /** Recipients of the test message. */
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsEmail({}, { each: true })
  to: string[];
}

export class EmailResponse {
  id: string;
  orgId: string | null;
  to: string[];
  cc: string[];
  template: string;
  subject: string;
  status: EmailStatus;
  attempts: number;
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export class EmailPage {
  data: EmailResponse[];
  nextCursor: string | null;
  hasMore: boolean;
}
