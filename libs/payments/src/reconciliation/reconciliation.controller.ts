import { Readable, pipeline } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { DISCREPANCY_CSV_COLUMNS, toDiscrepancyCsvRecord } from './reconciliation-csv';
import {
  CreateReconciliationDto,
  DiscrepancyFilter,
  DiscrepancyQuery,
  ReconciliationRunQuery,
  ResolveDiscrepancyDto,
} from './reconciliation.dto';
import {
  DiscrepancyPageResponse,
  DiscrepancyResponse,
  ReconciliationRunPageResponse,
  ReconciliationRunResponse,
  StripeAmounts,
} from './reconciliation.response';
import { ReconciliationService } from './reconciliation.service';

/** Static second segments: Fastify matches them before `/payments/:id`, which never captures these paths. */
@ApiTags('payments')
@ApiBearerAuth('bearer')
@ApiExtraModels(StripeAmounts)
@Controller('payments')
export class ReconciliationController {
  constructor(private readonly reconciliations: ReconciliationService) {}

  /**
   * Reconciles [from, to) with Stripe in the background (at most 92 days, not in the future): poll the run.
   * 422 `invalid_reconciliation_period` for a bad range.
   */
  @Post('reconciliations')
  @HttpCode(202)
  @RequirePermission(Permission.PaymentsWrite)
  start(
    @Principal() p: RequestPrincipal,
    @Body() body: CreateReconciliationDto,
  ): Promise<ReconciliationRunResponse> {
    return this.reconciliations.start(p.orgId!, p.id, body);
  }

  /** Runs, newest first; filter by `status`, `trigger`. */
  @Get('reconciliations')
  @RequirePermission(Permission.PaymentsRead)
  list(
    @Principal() p: RequestPrincipal,
    @Query() query: ReconciliationRunQuery,
  ): Promise<ReconciliationRunPageResponse> {
    return this.reconciliations.list(p.orgId!, query);
  }

  /** With its totals once completed. */
  @Get('reconciliations/:id')
  @RequirePermission(Permission.PaymentsRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<ReconciliationRunResponse> {
    return this.reconciliations.get(p.orgId!, id);
  }

  /** Runs a failed run again; 409 `reconciliation_run_not_failed` otherwise. */
  @Post('reconciliations/:id/retry')
  @HttpCode(202)
  @RequirePermission(Permission.PaymentsWrite)
  retry(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<ReconciliationRunResponse> {
    return this.reconciliations.retry(p.orgId!, id);
  }

  /** The run's discrepancies, newest first; filter by `kind`, `resolved`. */
  @Get('reconciliations/:id/discrepancies')
  @RequirePermission(Permission.PaymentsRead)
  discrepancies(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Query() query: DiscrepancyQuery,
  ): Promise<DiscrepancyPageResponse> {
    return this.reconciliations.discrepancies(p.orgId!, id, query);
  }

  /** The same discrepancies as CSV (header row first), streamed. */
  @Get('reconciliations/:id/discrepancies.csv')
  @RequirePermission(Permission.PaymentsRead)
  @ApiProduces('text/csv')
  async exportDiscrepancies(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() filter: DiscrepancyFilter,
  ): Promise<StreamableFile> {
    const rows = this.reconciliations.streamDiscrepancies(p.orgId!, id, filter);
    // The first read checks the run exists (404) before any byte of the file is sent.
    const first = await rows.next();
    const csv = stringify({ header: true, columns: [...DISCREPANCY_CSV_COLUMNS] });
    // pipeline, not pipe: a database error half-way destroys the response instead of ending it as if the
    // file were complete.
    pipeline(
      Readable.from(
        (async function* () {
          if (first.done) return;
          yield toDiscrepancyCsvRecord(first.value);
          for await (const row of rows) yield toDiscrepancyCsvRecord(row);
        })(),
      ),
      csv,
      () => undefined,
    );
    void reply.type('text/csv; charset=utf-8');
    return new StreamableFile(csv, { disposition: `attachment; filename="reconciliation-${id}.csv"` });
  }

  /** Marks a discrepancy resolved with a note; 409 `discrepancy_already_resolved` when it is. */
  @Post('reconciliation-discrepancies/:id/resolve')
  @HttpCode(200)
  @RequirePermission(Permission.PaymentsWrite)
  resolve(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: ResolveDiscrepancyDto,
  ): Promise<DiscrepancyResponse> {
    return this.reconciliations.resolve(p.orgId!, id, p.id, body.note);
  }
}
