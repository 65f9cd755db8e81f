import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { DisputesService } from './disputes.service';
import { DisputeEvidenceDto, DisputeQuery } from './dto/dispute.dto';
import { DisputePageResponse, DisputeResponse } from './dto/dispute.response';

@ApiTags('disputes')
@ApiBearerAuth('bearer')
@Controller('disputes')
export class DisputesController {
  constructor(private readonly disputes: DisputesService) {}

  /** Newest first; filter by `status` (Stripe's) and `paymentId`. */
  @Get()
  @RequirePermission(Permission.PaymentsRead)
  list(@Principal() p: RequestPrincipal, @Query() query: DisputeQuery): Promise<DisputePageResponse> {
    return this.disputes.list(p.orgId!, query);
  }

  @Get(':id')
  @RequirePermission(Permission.PaymentsRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<DisputeResponse> {
    return this.disputes.get(p.orgId!, id);
  }

  /** Forwards text evidence to Stripe and submits it; 409 `dispute_closed` once the dispute is over. */
  @Post(':id/evidence')
  @HttpCode(200)
  @RequirePermission(Permission.PaymentsRefund)
  evidence(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: DisputeEvidenceDto,
  ): Promise<DisputeResponse> {
    return this.disputes.submitEvidence(p.orgId!, id, body.text);
  }

  /** Accepts the dispute: it is lost, settled per the org's `disputeLostAction`. */
  @Post(':id/accept')
  @HttpCode(200)
  @RequirePermission(Permission.PaymentsRefund)
  accept(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<DisputeResponse> {
    return this.disputes.accept(p.orgId!, id);
  }
}
