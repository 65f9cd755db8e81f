import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission, RequestPrincipal, RequirePermission, SkipAudit } from '@app/core';
import { Principal } from '@app/auth';
import { UsageEventBatchInput, UsageEventInput } from '../dto/usage-event.dto';
import { UsageEventBatchResponse, UsageEventResult } from '../dto/usage-event.response';
import { UsageIngestService } from '../services/usage-ingest.service';
import { UsageError, UsageErrorCode, UsageRejection } from '../usage.errors';
import { USAGE_LIMITS } from '../usage.limits';

/**
 * Usage ingestion. Not in the audit log (one entry per event would dwarf everything else; the events
 * themselves are the record). The body is checked by `parseEvent`, not by the global validation pipe:
 * the parameters are typed as plain objects on purpose.
 */
@ApiTags('usage')
@ApiBearerAuth('bearer')
@Controller('events')
@SkipAudit()
export class EventsController {
  constructor(private readonly ingest: UsageIngestService) {}

  /** One event: 202 accepted, 200 duplicate (already stored), 400 malformed, 422 rejected (code = reason). */
  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.UsageWrite)
  @ApiBody({ type: UsageEventInput })
  @ApiResponse({ status: 202, type: UsageEventResult, description: 'Stored' })
  @ApiResponse({
    status: 200,
    type: UsageEventResult,
    description: 'Already stored (replayed transactionId)',
  })
  async ingestOne(
    @Principal() principal: RequestPrincipal,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UsageEventResult> {
    const [result] = await this.ingest.ingest(principal.orgId!, [body]);
    if (result.status === 'rejected') {
      const status = result.reason === UsageRejection.InvalidEvent ? 400 : 422;
      throw new UsageError(status, result.reason!, result.message!);
    }
    if (result.status === 'duplicate') void reply.status(200);
    return result;
  }

  /** Up to 1,000 events: 200 with one result per event in input order; more events is a 413. */
  @Post('batch')
  @HttpCode(200)
  @RequirePermission(Permission.UsageWrite)
  @ApiBody({ type: UsageEventBatchInput })
  @ApiResponse({ status: 200, type: UsageEventBatchResponse })
  async ingestBatch(
    @Principal() principal: RequestPrincipal,
    @Body() body: Record<string, unknown>,
  ): Promise<UsageEventBatchResponse> {
    const events = body?.events;
    const extra = Object.keys(body ?? {}).filter((key) => key !== 'events');
    if (extra.length)
      throw new UsageError(400, UsageErrorCode.InvalidBatch, `Unknown field(s): ${extra.join(', ')}.`);
    if (!Array.isArray(events) || events.length === 0)
      throw new UsageError(400, UsageErrorCode.InvalidBatch, 'events must be a non-empty array of events.');
    if (events.length > USAGE_LIMITS.maxBatchSize)
      throw new UsageError(
        413,
        UsageErrorCode.BatchTooLarge,
        `A batch holds at most ${USAGE_LIMITS.maxBatchSize} events; this one has ${events.length}. Split it.`,
      );
    const results = await this.ingest.ingest(principal.orgId!, events as unknown[]);
    const count = (status: UsageEventResult['status']) => results.filter((r) => r.status === status).length;
    return {
      accepted: count('accepted'),
      duplicates: count('duplicate'),
      rejected: count('rejected'),
      results,
    };
  }
}
