import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';

export const PLAN_INTERVALS = ['week', 'month', 'quarter', 'year'] as const;
export type PlanInterval = (typeof PLAN_INTERVALS)[number];
export const FEE_TIMINGS = ['in_advance', 'in_arrears'] as const;
export type FeeTiming = (typeof FEE_TIMINGS)[number];

/**
 * One immutable VERSION of a plan: a change to a plan inserts a new row with the same code and the next
 * version number, so subscriptions pinned to a version id never see their past periods re-priced.
 */
@Entity('plans')
@Index('plans_org_id_code_version_key', ['orgId', 'code', 'version'], { unique: true })
@Check('plans_version_check', 'version >= 1')
@Check('plans_interval_check', `interval IN ('week', 'month', 'quarter', 'year')`)
@Check('plans_interval_count_check', 'interval_count BETWEEN 1 AND 12')
@Check('plans_base_fee_timing_check', `base_fee_timing IN ('in_advance', 'in_arrears')`)
@Check(
  'plans_amounts_check',
  'base_fee >= 0 AND trial_days >= 0 AND (minimum_commitment IS NULL OR minimum_commitment >= 0)',
)
export class Plan extends TenantEntity {
  @Column('text')
  code: string;

  @Column('int')
  version: number;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  interval: PlanInterval;

  @Column('int')
  intervalCount: number;

  /** Minor units per period. */
  @MinorUnitsColumn()
  baseFee: number;

  @Column('text')
  baseFeeTiming: FeeTiming;

  @Column('int')
  trialDays: number;

  /** Minor units per period; the invoice is topped up to it when charges come to less. */
  @MinorUnitsColumn({ nullable: true })
  minimumCommitment: number | null;
}
