import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import {
  CreateInvoiceDto,
  InvoiceLineDto,
  InvoiceQuery,
  UpdateInvoiceDto,
  UpdateInvoiceLineDto,
} from '../dto/invoice.dto';
import { InvoiceDetailResponse, InvoicePageResponse } from '../dto/invoice.response';
import { InvoicesService } from '../services/invoices.service';

@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  /** A one-off draft with manual lines, in the customer's currency (422 `currency_mismatch` otherwise). */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  create(@Principal() p: RequestPrincipal, @Body() body: CreateInvoiceDto): Promise<InvoiceDetailResponse> {
    return this.invoices.createDraft(p.orgId!, body);
  }

  /** Newest first; filters combine with AND. */
  @Get()
  @RequirePermission(Permission.InvoicesRead)
  list(@Principal() p: RequestPrincipal, @Query() query: InvoiceQuery): Promise<InvoicePageResponse> {
    return this.invoices.list(p.orgId!, query);
  }

  /** With lines, tax and discount breakdowns. */
  @Get(':id')
  @RequirePermission(Permission.InvoicesRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<InvoiceDetailResponse> {
    return this.invoices.get(p.orgId!, id);
  }

  /** Memo and payment terms of a draft (409 `invoice_not_draft` otherwise). */
  @Patch(':id')
  @RequirePermission(Permission.InvoicesWrite)
  update(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: UpdateInvoiceDto,
  ): Promise<InvoiceDetailResponse> {
    return this.invoices.update(p.orgId!, id, body);
  }

  /** Drafts only. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.InvoicesWrite)
  delete(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<void> {
    return this.invoices.deleteDraft(p.orgId!, id);
  }

  @Post(':id/lines')
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  addLine(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: InvoiceLineDto,
  ): Promise<InvoiceDetailResponse> {
    return this.invoices.addLine(p.orgId!, id, body);
  }

  @Patch(':id/lines/:lineId')
  @RequirePermission(Permission.InvoicesWrite)
  updateLine(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Param('lineId') lineId: string,
    @Body() body: UpdateInvoiceLineDto,
  ): Promise<InvoiceDetailResponse> {
    return this.invoices.updateLine(p.orgId!, id, lineId, body);
  }

  @Delete(':id/lines/:lineId')
  @RequirePermission(Permission.InvoicesWrite)
  removeLine(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Param('lineId') lineId: string,
  ): Promise<InvoiceDetailResponse> {
    return this.invoices.removeLine(p.orgId!, id, lineId);
  }

  /** Numbers, issues and freezes the draft; applies credits and posts the ledger. */
  @Post(':id/finalize')
  @HttpCode(200)
  @RequirePermission(Permission.InvoicesWrite)
  finalize(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<InvoiceDetailResponse> {
    return this.invoices.finalize(p.orgId!, id);
  }

  /** Open invoices without payments; restores consumed credits and reverses the ledger. */
  @Post(':id/void')
  @HttpCode(200)
  @RequirePermission(Permission.InvoicesWrite)
  void(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<InvoiceDetailResponse> {
    return this.invoices.void(p.orgId!, id);
  }

  /** Open invoices; writes off what remains. */
  @Post(':id/mark-uncollectible')
  @HttpCode(200)
  @RequirePermission(Permission.InvoicesWrite)
  markUncollectible(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
  ): Promise<InvoiceDetailResponse> {
    return this.invoices.markUncollectible(p.orgId!, id);
  }

  /** Open or paid invoices; the email goes out in the background. */
  @Post(':id/send')
  @HttpCode(202)
  @RequirePermission(Permission.InvoicesWrite)
  send(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<InvoiceDetailResponse> {
    return this.invoices.requestSend(p.orgId!, id);
  }
}
