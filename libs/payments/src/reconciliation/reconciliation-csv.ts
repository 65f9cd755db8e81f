import { neutraliseCsvCell } from '@app/core';
import { ReconciliationDiscrepancy } from './reconciliation-discrepancy.entity';

/** The header row of `GET /v1/payments/reconciliations/{id}/discrepancies.csv`, in order. */
export const DISCREPANCY_CSV_COLUMNS = [
  'id',
  'kind',
  'objectType',
  'providerId',
  'localId',
  'expectedAmount',
  'expectedCurrency',
  'actualAmount',
  'actualCurrency',
  'expectedStatus',
  'actualStatus',
  'detail',
  'resolvedAt',
  'resolvedBy',
  'resolutionNote',
  'createdAt',
] as const;

const amount = (value: number | null): string => (value === null ? '' : String(value));

/** Stripe ids, statuses and the resolution note are outside data: neutralised against formula injection. */
export const toDiscrepancyCsvRecord = (
  d: ReconciliationDiscrepancy,
): Record<(typeof DISCREPANCY_CSV_COLUMNS)[number], string> => ({
  id: d.id,
  kind: d.kind,
  objectType: d.objectType,
  providerId: neutraliseCsvCell(d.providerId),
  localId: d.localId ?? '',
  expectedAmount: amount(d.expectedAmount),
  expectedCurrency: d.expectedCurrency ?? '',
  actualAmount: amount(d.actualAmount),
  actualCurrency: d.actualCurrency ?? '',
  expectedStatus: neutraliseCsvCell(d.expectedStatus),
  actualStatus: neutraliseCsvCell(d.actualStatus),
  detail: neutraliseCsvCell(d.detail),
  resolvedAt: d.resolvedAt?.toISOString() ?? '',
  resolvedBy: neutraliseCsvCell(d.resolvedBy),
  resolutionNote: neutraliseCsvCell(d.resolutionNote),
  createdAt: d.createdAt.toISOString(),
});
