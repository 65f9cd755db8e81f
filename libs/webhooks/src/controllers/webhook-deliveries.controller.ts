import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { WebhookDeliveryDetailResponse } from '../dto/webhook-delivery.response';
import { WebhookDeliveriesService } from '../services/webhook-deliveries.service';

@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@Controller('webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  /** One delivery with every attempt (status code, latency, response excerpt, error). */
  @Get(':id')
  @RequirePermission(Permission.WebhooksManage)
  get(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
  ): Promise<WebhookDeliveryDetailResponse> {
    return this.deliveries.get(principal.orgId!, id);
  }

  /**
   * Sends the event again now (same event id and body). 409 `webhook_endpoint_disabled` while the endpoint
   * is disabled.
   */
  @Post(':id/replay')
  @HttpCode(202)
  @RequirePermission(Permission.WebhooksManage)
  replay(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
  ): Promise<WebhookDeliveryDetailResponse> {
    return this.deliveries.replay(principal.orgId!, id);
  }
}
