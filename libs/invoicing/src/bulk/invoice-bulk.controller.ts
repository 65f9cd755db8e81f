import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreateInvoiceBulkOperationDto, InvoiceBulkItemQuery } from './dto/invoice-bulk.dto';
import { InvoiceBulkItemPageResponse, InvoiceBulkOperationResponse } from './dto/invoice-bulk.response';
import { InvoiceBulkService } from './invoice-bulk.service';

/**
 * `/v1/invoices/bulk…` is static in its second segment, and Fastify's router matches static segments before
 * parametric ones, so `/invoices/:id` never captures these paths (tested).
 */
@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoices/bulk')
export class InvoiceBulkController {
  constructor(private readonly bulk: InvoiceBulkService) {}

  /**
   * Finalize, send, void or mark uncollectible up to 10,000 invoices, listed by id or selected by a filter
   * (resolved now). Runs in the background: poll the operation and its items.
   */
  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.InvoicesWrite)
  create(
    @Principal() p: RequestPrincipal,
    @Body() body: CreateInvoiceBulkOperationDto,
  ): Promise<InvoiceBulkOperationResponse> {
    return this.bulk.create(p.orgId!, p.id, body);
  }

  /** Status and progress counts. */
  @Get(':id')
  @RequirePermission(Permission.InvoicesRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<InvoiceBulkOperationResponse> {
    return this.bulk.get(p.orgId!, id);
  }

  /** Per-invoice results in processing order. */
  @Get(':id/items')
  @RequirePermission(Permission.InvoicesRead)
  items(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Query() query: InvoiceBulkItemQuery,
  ): Promise<InvoiceBulkItemPageResponse> {
    return this.bulk.listItems(p.orgId!, id, query);
  }
}
