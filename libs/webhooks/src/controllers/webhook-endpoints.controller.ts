import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  PageQuery,
  Permission,
  RequestPrincipal,
  RequirePermission,
  SkipIdempotency,
  WEBHOOK_EVENT_TYPES,
} from '@app/core';
import { Principal } from '@app/auth';
import { WebhookDeliveryQuery } from '../dto/webhook-delivery.dto';
import { WebhookDeliveryPageResponse } from '../dto/webhook-delivery.response';
import {
  CreateWebhookEndpointDto,
  RotateWebhookSecretDto,
  UpdateWebhookEndpointDto,
} from '../dto/webhook-endpoint.dto';
import {
  WebhookEndpointPageResponse,
  WebhookEndpointResponse,
  WebhookEndpointWithSecretResponse,
  WebhookEventTypesResponse,
} from '../dto/webhook-endpoint.response';
import { WebhookDeliveriesService } from '../services/webhook-deliveries.service';
import { WebhookEndpointsService } from '../services/webhook-endpoints.service';

@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  /**
   * Registers an endpoint. The response carries the signing secret (`whsec_…`), shown only here and on
   * rotation. 422 `invalid_webhook_url`, `webhook_target_not_allowed` (private, loopback or link-local
   * target) or `unknown_event_type`.
   */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.WebhooksManage)
  @SkipIdempotency() // the response carries the secret: never stored nor replayed
  create(
    @Principal() principal: RequestPrincipal,
    @Body() body: CreateWebhookEndpointDto,
  ): Promise<WebhookEndpointWithSecretResponse> {
    return this.endpoints.create(principal.orgId!, body);
  }

  @Get()
  @RequirePermission(Permission.WebhooksManage)
  list(
    @Principal() principal: RequestPrincipal,
    @Query() query: PageQuery,
  ): Promise<WebhookEndpointPageResponse> {
    return this.endpoints.list(principal.orgId!, query);
  }

  /** The event types an endpoint can subscribe to. */
  @Get('event-types')
  @RequirePermission(Permission.WebhooksManage)
  eventTypes(): WebhookEventTypesResponse {
    return { data: [...WEBHOOK_EVENT_TYPES] };
  }

  @Get(':id')
  @RequirePermission(Permission.WebhooksManage)
  get(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<WebhookEndpointResponse> {
    return this.endpoints.get(principal.orgId!, id);
  }

  /** Changes only the fields present. Enabling an endpoint disabled for failing re-arms it. */
  @Patch(':id')
  @RequirePermission(Permission.WebhooksManage)
  update(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointResponse> {
    return this.endpoints.update(principal.orgId!, id, body);
  }

  /** Deletes the endpoint and its delivery log. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.WebhooksManage)
  async delete(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<void> {
    await this.endpoints.delete(principal.orgId!, id);
  }

  /**
   * A new signing secret, returned once. The previous one keeps signing as a second `v1` for
   * `expiresInHours` (default 24, 0 ends it now) so receivers can switch without losing events.
   */
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequirePermission(Permission.WebhooksManage)
  @SkipIdempotency() // the response carries the secret: never stored nor replayed
  rotateSecret(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: RotateWebhookSecretDto,
  ): Promise<WebhookEndpointWithSecretResponse> {
    return this.endpoints.rotateSecret(principal.orgId!, id, body.expiresInHours);
  }

  /** The endpoint's deliveries, newest first. */
  @Get(':id/deliveries')
  @RequirePermission(Permission.WebhooksManage)
  listDeliveries(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Query() query: WebhookDeliveryQuery,
  ): Promise<WebhookDeliveryPageResponse> {
    return this.deliveries.listForEndpoint(principal.orgId!, id, query);
  }
}
