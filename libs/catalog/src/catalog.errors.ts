import { AppError, FieldError } from '@app/core';

/** Stable error codes of the catalog domain (documented in docs/catalog.md). */
export enum CatalogErrorCode {
  BillableMetricNotFound = 'billable_metric_not_found',
  PlanNotFound = 'plan_not_found',
  PlanVersionNotFound = 'plan_version_not_found',
  PlanChargeNotFound = 'plan_charge_not_found',
  InvalidBillableMetric = 'invalid_billable_metric',
  InvalidPlan = 'invalid_plan',
  BillableMetricInUse = 'billable_metric_in_use',
}

export class CatalogError extends AppError {
  constructor(status: number, code: CatalogErrorCode, detail: string, errors?: FieldError[]) {
    super(status, code, detail, errors);
  }
}

/** A 422 naming every rejected field, e.g. `charges[0].properties.tiers[1].from`. */
export const invalid = (code: CatalogErrorCode, what: string, errors: FieldError[]): CatalogError =>
  new CatalogError(
    422,
    code,
    `The ${what} is not valid: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`,
    errors,
  );

export const notFound = (code: CatalogErrorCode, what: string, key: string): CatalogError =>
  new CatalogError(404, code, `No ${what} ${key}.`);
