import { Controller, Headers, HttpCode, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { NoRateLimit, Public, SkipAudit, SkipIdempotency } from '@app/core';
import { StripeWebhookAck } from './stripe-event.dto';
import { StripeWebhookReceiver } from './stripe-webhook-receiver';

/**
 * Stripe's calls to us. Public: the signature made with the org's webhook secret is the credential. Not
 * rate limited (Stripe delivers from a few addresses, in bursts), not audited (the inbox is the record)
 * and without Idempotency-Key handling (the event id is the idempotency key).
 */
@ApiTags('payments')
@Public()
@NoRateLimit()
@SkipAudit()
@SkipIdempotency()
@Controller('webhooks/stripe')
export class StripeWebhookController {
  constructor(private readonly receiver: StripeWebhookReceiver) {}

  /**
   * Receives one signed Stripe event for the organisation: verified over the raw body (300 s tolerance),
   * stored once under its event id and processed by a job. A duplicate delivery is also a 200.
   */
  @Post(':orgId')
  @HttpCode(200)
  @ApiHeader({ name: 'stripe-signature', required: true, description: 't=…,v1=… as Stripe signs it' })
  @ApiBody({ description: 'The Stripe event, as Stripe sent it', schema: { type: 'object' } })
  @ApiResponse({ status: 200, type: StripeWebhookAck, description: 'Stored (or already stored)' })
  @ApiResponse({
    status: 400,
    description: 'Bad signature or timestamp outside the tolerance; nothing stored',
  })
  @ApiResponse({ status: 404, description: 'No such organisation, or it has not connected Stripe' })
  async receive(
    @Param('orgId') orgId: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<StripeWebhookAck> {
    await this.receiver.receive(orgId, request.rawBody, signature);
    return { received: true };
  }
}
