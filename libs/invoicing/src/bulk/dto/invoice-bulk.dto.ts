import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { INVOICE_STATUSES, InvoiceStatus } from '../../entities/invoice.entity';
import { BULK_ACTIONS, BulkAction } from '../entities/invoice-bulk-operation.entity';
import { BULK_ITEM_STATUSES, BulkItemStatus } from '../entities/invoice-bulk-operation-item.entity';

/** Criteria combined with AND, resolved to invoice ids when the operation is created. */
export class InvoiceBulkFilterDto {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;

  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsUUID()
  subscriptionId?: string;

  /** Created at or after (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  /** Created before (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;

  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

/**
 * Exactly one of `invoiceIds` and `filter`. The action and the selection's size and uniqueness are checked by
 * the service (422 naming the field); the shapes here (400 when wrong).
 */
export class CreateInvoiceBulkOperationDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsString()
  action: BulkAction;

  /** 1 to 10,000 distinct invoice ids, processed in this order. */
  @ApiPropertyOptional({ type: [String], minItems: 1, maxItems: 10_000 })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  invoiceIds?: string[];

  @ApiPropertyOptional({ type: InvoiceBulkFilterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceBulkFilterDto)
  filter?: InvoiceBulkFilterDto;
}

export class InvoiceBulkItemQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BULK_ITEM_STATUSES })
  @IsOptional()
  @IsIn(BULK_ITEM_STATUSES)
  status?: BulkItemStatus;
}
