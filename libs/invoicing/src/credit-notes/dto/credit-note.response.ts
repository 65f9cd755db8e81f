import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { LineTaxResponse } from '../../dto/invoice.response';
import {
  CREDIT_NOTE_OUTCOMES,
  CREDIT_NOTE_REASONS,
  CreditNoteOutcome,
  CreditNoteReason,
  REFUND_STATUSES,
  RefundStatus,
} from '../entities/credit-note.entity';

export class CreditNoteLineResponse {
  id: string;
  position: number;
  invoiceLineId: string | null;
  description: string;
  /** Net, minor units. */
  amount: number;
  taxAmount: number;
  total: number;
  @ApiProperty({ type: [LineTaxResponse] })
  taxes: LineTaxResponse[];
}

export class CreditNoteResponse {
  id: string;
  invoiceId: string;
  customerId: string;
  number: string;
  currency: string;
  @ApiProperty({ enum: CREDIT_NOTE_REASONS })
  reason: CreditNoteReason;
  memo: string | null;
  @ApiProperty({ enum: CREDIT_NOTE_OUTCOMES })
  outcome: CreditNoteOutcome;
  /** Net credited, minor units. */
  subtotal: number;
  taxTotal: number;
  total: number;
  @ApiProperty({ enum: REFUND_STATUSES, nullable: true, type: String })
  refundStatus: RefundStatus | null;
  creditGrantId: string | null;
  issuedAt: Date;
  createdAt: Date;
}

export class CreditNoteDetailResponse extends CreditNoteResponse {
  @ApiProperty({ type: [CreditNoteLineResponse] })
  lines: CreditNoteLineResponse[];
}

export class CreditNotePageResponse extends PageMeta {
  @ApiProperty({ type: [CreditNoteResponse] })
  data: CreditNoteResponse[];
}
