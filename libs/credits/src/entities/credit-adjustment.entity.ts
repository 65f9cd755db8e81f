import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';

export const CREDIT_ADJUSTMENT_KINDS = ['expiry', 'void'] as const;
export type CreditAdjustmentKind = (typeof CREDIT_ADJUSTMENT_KINDS)[number];

/**
 * One removal of a grant's remaining amount: by the expiry job or by a void. A grant can be adjusted more
 * than once (an invoice voided after the expiry gives credit back, which expires again), so each adjustment
 * is its own row and the source of its own journal.
 */
@Entity('credit_adjustments')
@Index('credit_adjustments_org_id_grant_id_idx', ['orgId', 'grantId'])
@Index('credit_adjustments_org_id_customer_id_idx', ['orgId', 'customerId'])
@Check('credit_adjustments_amount_check', 'amount > 0')
@Check('credit_adjustments_kind_check', `kind IN ('expiry', 'void')`)
export class CreditAdjustment extends TenantEntity {
  @Column('uuid')
  grantId: string;

  @Column('uuid')
  customerId: string;

  @Column('text')
  kind: CreditAdjustmentKind;

  @MinorUnitsColumn()
  amount: number;

  @Column('char', { length: 3 })
  currency: string;
}
