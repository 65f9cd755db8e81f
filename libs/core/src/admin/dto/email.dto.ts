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

export class EmailAttachmentResponse {
  documentId: string;
  filename: string;
  contentType: string;
}

export class EmailResponse {
  id: string;
  orgId: string | null;
  customerId: string | null;
  to: string[];
  cc: string[];
  replyTo: string | null;
  template: string;
  subject: string;
  status: EmailStatus;
  attempts: number;
  providerMessageId: string | null;
  lastError: string | null;
  /** The stored documents attached (read from document storage when sent). */
  attachments: EmailAttachmentResponse[];
  /** What caused it: a second email for the same cause is never queued. */
  dedupeKey: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export class EmailPage {
  data: EmailResponse[];
  nextCursor: string | null;
  hasMore: boolean;
}
