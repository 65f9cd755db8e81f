import { Injectable } from '@nestjs/common';
import { FieldError, Page, PageQuery, TransactionContext, paginateById } from '@app/core';
import { CatalogError, CatalogErrorCode, invalid, notFound } from '../catalog.errors';
import { Aggregation, BillableMetric, MetricFilter } from '../entities/billable-metric.entity';
import { PlanCharge } from '../entities/plan-charge.entity';

export interface BillableMetricInput {
  code: string;
  name: string;
  description?: string | null;
  aggregation: Aggregation;
  fieldName?: string | null;
  filters?: MetricFilter[];
}

export type BillableMetricPatch = Partial<Omit<BillableMetricInput, 'code'>>;

/** The rules class-validator cannot express; each error names the field. */
function checkDefinition(
  metric: Pick<BillableMetricInput, 'aggregation' | 'fieldName' | 'filters'>,
): FieldError[] {
  const errors: FieldError[] = [];
  if (metric.aggregation === 'count' && metric.fieldName)
    errors.push({
      field: 'fieldName',
      message: 'count counts events and reads no field; leave fieldName out',
    });
  if (metric.aggregation !== 'count' && !metric.fieldName)
    errors.push({ field: 'fieldName', message: `is required for the ${metric.aggregation} aggregation` });
  const keys = new Set<string>();
  (metric.filters ?? []).forEach((filter, i) => {
    if (keys.has(filter.key))
      errors.push({ field: `filters[${i}].key`, message: `${filter.key} is repeated` });
    keys.add(filter.key);
    const values = new Set<string>();
    filter.values.forEach((value, j) => {
      if (values.has(value))
        errors.push({ field: `filters[${i}].values[${j}]`, message: `${value} is repeated` });
      values.add(value);
    });
  });
  return errors;
}

/** Billable metrics of an organisation, by code. */
@Injectable()
export class BillableMetricsService {
  constructor(private readonly tx: TransactionContext) {}

  async create(orgId: string, input: BillableMetricInput): Promise<BillableMetric> {
    const errors = checkDefinition(input);
    if (errors.length > 0) throw invalid(CatalogErrorCode.InvalidBillableMetric, 'billable metric', errors);
    const metric = this.tx.manager.create(BillableMetric, {
      orgId,
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      aggregation: input.aggregation,
      fieldName: input.aggregation === 'count' ? null : (input.fieldName ?? null),
      filters: (input.filters ?? []).map(({ key, values }) => ({ key, values })),
      archivedAt: null,
    });
    await this.tx.manager.insert(BillableMetric, metric); // a taken code is a 409 (unique index)
    return metric;
  }

  list(orgId: string, page: PageQuery, includeArchived = false): Promise<Page<BillableMetric>> {
    const query = this.tx.manager
      .createQueryBuilder(BillableMetric, 'm')
      .where('m.org_id = :orgId', { orgId });
    if (!includeArchived) query.andWhere('m.archived_at IS NULL');
    return paginateById(query, page);
  }

  async get(orgId: string, code: string): Promise<BillableMetric> {
    const metric = await this.tx.manager.findOneBy(BillableMetric, { orgId, code });
    if (!metric) throw notFound(CatalogErrorCode.BillableMetricNotFound, 'billable metric with code', code);
    return metric;
  }

  /** Name and description always; aggregation, fieldName and filters only while no plan version uses it. */
  update(orgId: string, code: string, patch: BillableMetricPatch): Promise<BillableMetric> {
    return this.tx.run(async (manager) => {
      const metric = await manager
        .createQueryBuilder(BillableMetric, 'm')
        .setLock('pessimistic_write')
        .where('m.org_id = :orgId AND m.code = :code', { orgId, code })
        .getOne();
      if (!metric) throw notFound(CatalogErrorCode.BillableMetricNotFound, 'billable metric with code', code);
      const definitionChanges = (['aggregation', 'fieldName', 'filters'] as const).filter(
        (key) => patch[key] !== undefined,
      );
      if (definitionChanges.length > 0 && (await this.isUsed(orgId, metric.id)))
        throw new CatalogError(
          409,
          CatalogErrorCode.BillableMetricInUse,
          `Billable metric ${code} is used by a plan, so its ${definitionChanges.join(', ')} cannot change ` +
            '(that would re-price past periods); create a new metric instead.',
        );
      const next = {
        aggregation: patch.aggregation ?? metric.aggregation,
        fieldName: patch.fieldName !== undefined ? patch.fieldName : metric.fieldName,
        filters: patch.filters ?? metric.filters,
      };
      if (patch.aggregation === 'count' && patch.fieldName === undefined) next.fieldName = null;
      const errors = checkDefinition(next);
      if (errors.length > 0) throw invalid(CatalogErrorCode.InvalidBillableMetric, 'billable metric', errors);
      Object.assign(metric, {
        ...next,
        filters: next.filters.map(({ key, values }) => ({ key, values })),
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
      });
      return manager.save(BillableMetric, metric);
    });
  }

  /** Hides the metric from lists and from new plan versions; plan versions that use it keep pricing it. */
  async archive(orgId: string, code: string): Promise<BillableMetric> {
    const metric = await this.get(orgId, code);
    if (!metric.archivedAt) {
      metric.archivedAt = new Date();
      await this.tx.manager.update(
        BillableMetric,
        { orgId, id: metric.id },
        { archivedAt: metric.archivedAt },
      );
    }
    return metric;
  }

  /** Deletes a metric no plan version has ever used; a used one must be archived instead (409). */
  delete(orgId: string, code: string): Promise<void> {
    return this.tx.run(async (manager) => {
      const metric = await this.get(orgId, code);
      if (await this.isUsed(orgId, metric.id))
        throw new CatalogError(
          409,
          CatalogErrorCode.BillableMetricInUse,
          `Billable metric ${code} is used by a plan version; archive it instead (POST /v1/billable-metrics/${code}/archive).`,
        );
      await manager.delete(BillableMetric, { orgId, id: metric.id });
    });
  }

  private async isUsed(orgId: string, metricId: string): Promise<boolean> {
    return this.tx.manager.existsBy(PlanCharge, { orgId, billableMetricId: metricId });
  }
}
