import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { DISCREPANCY_OBJECT_TYPES, DiscrepancyObjectType } from './reconciliation-discrepancy.entity';
import {
  DISCREPANCY_KINDS,
  DiscrepancyKind,
  RECONCILIATION_STATUSES,
  RECONCILIATION_TRIGGERS,
  ReconciliationStatus,
  ReconciliationTrigger,
} from './reconciliation-run.entity';

const amountsByCurrency = {
  type: 'object',
  additionalProperties: { type: 'integer' },
  description: 'Minor units per currency (ISO 4217, upper case).',
} as const;

export class DiscrepancyKindTotal {
  count: number;
  /** Σ per currency of the objects' amounts (amount and fee mismatches: of the differences). */
  @ApiProperty(amountsByCurrency)
  amounts: Record<string, number>;
}

export class StripeAmounts {
  gross: number;
  fee: number;
  net: number;
}

export class DiscrepancyKindTotals implements Record<DiscrepancyKind, DiscrepancyKindTotal> {
  missing_locally: DiscrepancyKindTotal;
  missing_at_stripe: DiscrepancyKindTotal;
  amount_mismatch: DiscrepancyKindTotal;
  status_mismatch: DiscrepancyKindTotal;
  currency_mismatch: DiscrepancyKindTotal;
  fee_mismatch: DiscrepancyKindTotal;
}

export class ReconciliationTotalsResponse {
  /** Balance transactions Stripe listed for the period. */
  balanceTransactions: number;
  /** Stripe payments, refunds and disputes that agree with their local row in every respect. */
  matched: number;
  discrepancies: number;
  byKind: DiscrepancyKindTotals;
  /** Σ of the balance transactions per currency (minor units). */
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(StripeAmounts) } })
  stripe: Record<string, StripeAmounts>;
}

export class ReconciliationRunResponse {
  id: string;
  /** Included. */
  periodStart: Date;
  /** Excluded. */
  periodEnd: Date;
  @ApiProperty({ enum: RECONCILIATION_TRIGGERS })
  trigger: ReconciliationTrigger;
  @ApiProperty({ enum: RECONCILIATION_STATUSES })
  status: ReconciliationStatus;
  /** Set once completed. */
  @ApiProperty({ type: ReconciliationTotalsResponse, nullable: true })
  totals: ReconciliationTotalsResponse | null;
  /** User or API key of a manual run. */
  requestedBy: string | null;
  startedAt: Date;
  completedAt: Date | null;
  /** Why the run failed. */
  error: string | null;
  createdAt: Date;
}

export class ReconciliationRunPageResponse extends PageMeta {
  @ApiProperty({ type: [ReconciliationRunResponse] })
  data: ReconciliationRunResponse[];
}

/** `expected*` is what Stripe says, `actual*` what the local books say (null: that side has none). */
export class DiscrepancyResponse {
  id: string;
  runId: string;
  @ApiProperty({ enum: DISCREPANCY_KINDS })
  kind: DiscrepancyKind;
  @ApiProperty({ enum: DISCREPANCY_OBJECT_TYPES })
  objectType: DiscrepancyObjectType;
  /** Stripe's id: the PaymentIntent (else charge) of a payment, the refund's, the dispute's. */
  providerId: string | null;
  /** The local payment, refund or dispute. */
  localId: string | null;
  /** Minor units (a fee mismatch: the fees). */
  expectedAmount: number | null;
  expectedCurrency: string | null;
  actualAmount: number | null;
  actualCurrency: string | null;
  expectedStatus: string | null;
  actualStatus: string | null;
  detail: string;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
  createdAt: Date;
}

export class DiscrepancyPageResponse extends PageMeta {
  @ApiProperty({ type: [DiscrepancyResponse] })
  data: DiscrepancyResponse[];
}
