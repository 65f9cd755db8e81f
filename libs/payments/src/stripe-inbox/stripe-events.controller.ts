import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { StripeEventDetailResponse, StripeEventPageResponse, StripeEventQuery } from './stripe-event.dto';
import { StripeEventsService } from './stripe-events.service';

@ApiTags('payments')
@ApiBearerAuth('bearer')
@Controller('payments/stripe/events')
export class StripeEventsController {
  constructor(private readonly events: StripeEventsService) {}

  /** The inbound Stripe events of the organisation, newest first; filter by `type` and `status`. */
  @Get()
  @RequirePermission(Permission.PaymentsRead)
  list(@Principal() p: RequestPrincipal, @Query() query: StripeEventQuery): Promise<StripeEventPageResponse> {
    return this.events.list(p.orgId!, query);
  }

  /** One inbound event with its payload. */
  @Get(':id')
  @RequirePermission(Permission.PaymentsRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<StripeEventDetailResponse> {
    return this.events.get(p.orgId!, id);
  }

  /** Processes the event again (back to `pending`, a new job); the handlers are idempotent. */
  @Post(':id/replay')
  @HttpCode(202)
  @RequirePermission(Permission.PaymentsWrite)
  replay(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<StripeEventDetailResponse> {
    return this.events.replay(p.orgId!, id);
  }
}
