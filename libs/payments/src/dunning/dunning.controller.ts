import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { DunningReadsService } from './dunning-reads.service';
import { DunningPageResponse, DunningQuery, InvoiceDunningDetailResponse } from './dunning.dto';

@ApiTags('payments')
@ApiBearerAuth('bearer')
@Controller()
export class DunningController {
  constructor(private readonly reads: DunningReadsService) {}

  /**
   * The invoice's dunning: its state, the dated retry schedule, the next attempt, and the charges tried.
   * 404 `dunning_not_found` when the invoice never was in dunning.
   */
  @Get('invoices/:invoiceId/dunning')
  @RequirePermission(Permission.PaymentsRead)
  get(
    @Principal() p: RequestPrincipal,
    @Param('invoiceId') invoiceId: string,
  ): Promise<InvoiceDunningDetailResponse> {
    return this.reads.get(p.orgId!, invoiceId);
  }

  /** Invoices in dunning, newest first; filter by `status` and `customerId`. */
  @Get('dunning')
  @RequirePermission(Permission.PaymentsRead)
  list(@Principal() p: RequestPrincipal, @Query() query: DunningQuery): Promise<DunningPageResponse> {
    return this.reads.list(p.orgId!, query);
  }
}
