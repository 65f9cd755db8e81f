import { ApiProperty } from '@nestjs/swagger';
import { EmailStatus, PageMeta } from '@app/core';

export class EmailAttachmentResponse {
  /** The stored document (e.g. the invoice PDF). */
  documentId: string;
  filename: string;
  contentType: string;
}

/** An email the organisation sent or is sending, with its delivery status. */
export class EmailLogResponse {
  id: string;
  @ApiProperty({ type: String, nullable: true })
  customerId: string | null;
  to: string[];
  cc: string[];
  @ApiProperty({ type: String, nullable: true })
  replyTo: string | null;
  template: string;
  subject: string;
  @ApiProperty({ type: [EmailAttachmentResponse] })
  attachments: EmailAttachmentResponse[];
  @ApiProperty({ enum: EmailStatus })
  status: EmailStatus;
  /** Delivery attempts so far (retried with exponential backoff). */
  attempts: number;
  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;
  @ApiProperty({ type: String, nullable: true })
  providerMessageId: string | null;
  createdAt: Date;
  @ApiProperty({ type: Date, nullable: true })
  sentAt: Date | null;
}

/** One email with the HTML and text that were sent. */
export class EmailLogDetailResponse extends EmailLogResponse {
  html: string;
  text: string;
}

export class EmailLogPageResponse extends PageMeta {
  @ApiProperty({ type: [EmailLogResponse] })
  data: EmailLogResponse[];
}
