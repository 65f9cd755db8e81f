import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  FieldError,
  Page,
  PageQuery,
  TransactionContext,
  isCurrencyCode,
  isUuid,
  paginateById,
} from '@app/core';
import { CatalogErrorCode, invalid, notFound } from '../catalog.errors';
import { BillableMetric, MetricFilter } from '../entities/billable-metric.entity';
import { PlanCharge } from '../entities/plan-charge.entity';
import { FeeTiming, Plan, PlanInterval } from '../entities/plan.entity';
import { ChargeDefinition, validateCharge } from '../pricing';
import { PlanChargeView, PlanVersionView } from './plan-views';

export interface ChargeInput {
  billableMetricCode: string;
  model: string;
  properties: Record<string, unknown>;
  filters?: MetricFilter[];
}

/** Everything a version defines (the code is the plan's, shared by all its versions). */
export interface PlanVersionInput {
  name: string;
  description?: string | null;
  currency: string;
  interval: PlanInterval;
  intervalCount?: number;
  baseFee?: number;
  baseFeeTiming?: FeeTiming;
  trialDays?: number;
  minimumCommitment?: number | null;
  charges?: ChargeInput[];
}

interface ValidCharge {
  metric: BillableMetric;
  definition: ChargeDefinition;
  filters: MetricFilter[];
}

const filterKey = (metricId: string, filters: MetricFilter[]): string =>
  JSON.stringify([
    metricId,
    [...filters].sort((a, b) => a.key.localeCompare(b.key)).map((f) => [f.key, [...f.values].sort()]),
  ]);

/**
 * Plans are immutable versions: `create` inserts version 1, `createVersion` inserts the next one with the
 * same code. No row of `plans` or `plan_charges` is ever updated or deleted.
 */
@Injectable()
export class PlansService {
  constructor(private readonly tx: TransactionContext) {}

  create(orgId: string, code: string, input: PlanVersionInput): Promise<PlanVersionView> {
    // Version 1 of a taken code violates the (org_id, code, version) unique index: a 409.
    return this.tx.run(() => this.insertVersion(orgId, code, 1, input));
  }

  createVersion(orgId: string, code: string, input: PlanVersionInput): Promise<PlanVersionView> {
    return this.tx.run(async (manager) => {
      const latest = await manager.findOne(Plan, { where: { orgId, code }, order: { version: 'DESC' } });
      if (!latest) throw notFound(CatalogErrorCode.PlanNotFound, 'plan with code', code);
      // Two concurrent bumps compute the same number; the unique index lets one win and the other get a 409.
      return this.insertVersion(orgId, code, latest.version + 1, input);
    });
  }

  /** The latest version of every plan, newest plans first. */
  async listLatest(orgId: string, page: PageQuery): Promise<Page<PlanVersionView>> {
    const query = this.tx.manager
      .createQueryBuilder(Plan, 'p')
      .where('p.org_id = :orgId', { orgId })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM plans n WHERE n.org_id = p.org_id AND n.code = p.code AND n.version > p.version)',
      );
    const result = await paginateById(query, page);
    return { ...result, data: await this.views(orgId, result.data) };
  }

  /** Every version of one plan, newest first. */
  async listVersions(orgId: string, code: string, page: PageQuery): Promise<Page<PlanVersionView>> {
    const query = this.tx.manager
      .createQueryBuilder(Plan, 'p')
      .where('p.org_id = :orgId AND p.code = :code', { orgId, code });
    const result = await paginateById(query, page);
    if (result.data.length === 0 && !page.cursor) await this.getLatest(orgId, code);
    return { ...result, data: await this.views(orgId, result.data) };
  }

  async getLatest(orgId: string, code: string): Promise<PlanVersionView> {
    const plan = await this.tx.manager.findOne(Plan, { where: { orgId, code }, order: { version: 'DESC' } });
    if (!plan) throw notFound(CatalogErrorCode.PlanNotFound, 'plan with code', code);
    return (await this.views(orgId, [plan]))[0];
  }

  async getVersion(orgId: string, code: string, version: number): Promise<PlanVersionView> {
    const plan = await this.tx.manager.findOneBy(Plan, { orgId, code, version });
    if (!plan) throw notFound(CatalogErrorCode.PlanVersionNotFound, 'version of plan', `${code} v${version}`);
    return (await this.views(orgId, [plan]))[0];
  }

  async getById(orgId: string, id: string): Promise<PlanVersionView> {
    const plan = isUuid(id) ? await this.tx.manager.findOneBy(Plan, { orgId, id }) : null;
    if (!plan) throw notFound(CatalogErrorCode.PlanVersionNotFound, 'plan version with id', id);
    return (await this.views(orgId, [plan]))[0];
  }

  /** The plan version a charge belongs to, by the charge's id. */
  async getByChargeId(orgId: string, chargeId: string): Promise<PlanVersionView> {
    const charge = isUuid(chargeId)
      ? await this.tx.manager.findOneBy(PlanCharge, { orgId, id: chargeId })
      : null;
    if (!charge) throw notFound(CatalogErrorCode.PlanChargeNotFound, 'plan charge with id', chargeId);
    return this.getById(orgId, charge.planId);
  }

  private async insertVersion(
    orgId: string,
    code: string,
    version: number,
    input: PlanVersionInput,
  ): Promise<PlanVersionView> {
    const charges = await this.validate(orgId, input);
    const manager = this.tx.manager;
    const plan = manager.create(Plan, {
      orgId,
      code,
      version,
      name: input.name,
      description: input.description ?? null,
      currency: input.currency,
      interval: input.interval,
      intervalCount: input.intervalCount ?? 1,
      baseFee: input.baseFee ?? 0,
      baseFeeTiming: input.baseFeeTiming ?? 'in_advance',
      trialDays: input.trialDays ?? 0,
      minimumCommitment: input.minimumCommitment ?? null,
    });
    await manager.insert(Plan, plan);
    const rows = charges.map((charge, position) =>
      manager.create(PlanCharge, {
        orgId,
        planId: plan.id,
        position,
        billableMetricId: charge.metric.id,
        model: charge.definition.model,
        properties: charge.definition.properties as unknown as Record<string, unknown>,
        filters: charge.filters,
      }),
    );
    if (rows.length > 0) await manager.insert(PlanCharge, rows as QueryDeepPartialEntity<PlanCharge>[]);
    return this.toView(
      plan,
      rows.map((row, i) => ({ ...row, billableMetric: charges[i].metric })),
    );
  }

  /** Every rule beyond the body's shape, each error naming its field, e.g. `charges[0].properties.tiers[1].from`. */
  private async validate(orgId: string, input: PlanVersionInput): Promise<ValidCharge[]> {
    const errors: FieldError[] = [];
    if (!isCurrencyCode(input.currency))
      errors.push({
        field: 'currency',
        message: `${input.currency} is not an ISO 4217 currency code, e.g. EUR`,
      });
    const inputs = input.charges ?? [];
    const codes = [...new Set(inputs.map((c) => c.billableMetricCode))];
    const metrics = codes.length
      ? await this.tx.manager.findBy(BillableMetric, { orgId, code: In(codes) })
      : [];
    const byCode = new Map(metrics.map((m) => [m.code, m]));
    const seen = new Map<string, number>();
    const valid: ValidCharge[] = [];
    inputs.forEach((charge, i) => {
      const at = `charges[${i}]`;
      const metric = byCode.get(charge.billableMetricCode);
      if (!metric || metric.archivedAt)
        errors.push({
          field: `${at}.billableMetricCode`,
          message: `no ${metric ? 'active (unarchived) ' : ''}billable metric with code ${charge.billableMetricCode}`,
        });
      const result = validateCharge(charge.model, charge.properties);
      if (!result.ok)
        errors.push(...result.errors.map((e) => ({ field: `${at}.${e.field}`, message: e.message })));
      if (metric && charge.model === 'percentage' && metric.aggregation !== 'sum')
        errors.push({
          field: `${at}.model`,
          message: 'percentage prices a summed value: it needs a sum metric',
        });
      const filters = (charge.filters ?? []).map(({ key, values }) => ({ key, values }));
      const keys = new Set<string>();
      filters.forEach((filter, j) => {
        const defined = metric?.filters.find((f) => f.key === filter.key);
        if (keys.has(filter.key))
          errors.push({ field: `${at}.filters[${j}].key`, message: `${filter.key} is repeated` });
        keys.add(filter.key);
        if (metric && !defined) {
          errors.push({
            field: `${at}.filters[${j}].key`,
            message: `billable metric ${metric.code} has no filter ${filter.key}`,
          });
          return;
        }
        filter.values.forEach((value, k) => {
          if (defined && !defined.values.includes(value))
            errors.push({
              field: `${at}.filters[${j}].values[${k}]`,
              message: `${value} is not a value of filter ${filter.key} (${defined.values.join(', ')})`,
            });
        });
      });
      if (metric) {
        const key = filterKey(metric.id, filters);
        const earlier = seen.get(key);
        if (earlier !== undefined)
          errors.push({
            field: at,
            message: `prices the same metric and filter group as charges[${earlier}]`,
          });
        else seen.set(key, i);
      }
      if (metric && result.ok) valid.push({ metric, definition: result.value, filters });
    });
    if (errors.length > 0) throw invalid(CatalogErrorCode.InvalidPlan, 'plan', errors);
    return valid;
  }

  private async views(orgId: string, plans: Plan[]): Promise<PlanVersionView[]> {
    if (plans.length === 0) return [];
    const charges = await this.tx.manager.find(PlanCharge, {
      where: { orgId, planId: In(plans.map((p) => p.id)) },
      relations: { billableMetric: true },
      order: { position: 'ASC' },
    });
    return plans.map((plan) =>
      this.toView(
        plan,
        charges.filter((c) => c.planId === plan.id),
      ),
    );
  }

  private toView(plan: Plan, charges: PlanCharge[]): PlanVersionView {
    return {
      id: plan.id,
      orgId: plan.orgId,
      code: plan.code,
      version: plan.version,
      name: plan.name,
      description: plan.description,
      currency: plan.currency,
      interval: plan.interval,
      intervalCount: plan.intervalCount,
      baseFee: plan.baseFee,
      baseFeeTiming: plan.baseFeeTiming,
      trialDays: plan.trialDays,
      minimumCommitment: plan.minimumCommitment,
      createdAt: plan.createdAt,
      charges: charges.map((c): PlanChargeView => ({
        id: c.id,
        billableMetricId: c.billableMetricId,
        billableMetricCode: c.billableMetric!.code,
        aggregation: c.billableMetric!.aggregation,
        fieldName: c.billableMetric!.fieldName,
        model: c.model,
        properties: c.properties,
        filters: c.filters,
      })),
    };
  }
}
