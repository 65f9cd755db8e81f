import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';
import type { LedgerAccount } from '@app/ledger';
import type { CreditGrantType } from '../credits.types';

export const CREDIT_GRANT_STATUSES = ['active', 'depleted', 'expired', 'voided'] as const;
export type CreditGrantStatus = (typeof CREDIT_GRANT_STATUSES)[number];

/**
 * Credit given to a customer in one currency. `amount` never changes; `remainingAmount` goes down when it is
 * applied to invoices, expired or voided, and back up when an invoice that used it is voided. Always:
 * amount = remaining + Σ unrestored applications + expired + voided. The customer is another domain's row:
 * referenced by id, no foreign key. The spending-order and expiry indexes are partial (in the migration).
 */
@Entity('credit_grants')
@Index('credit_grants_org_id_customer_id_idx', ['orgId', 'customerId'])
@Index('credit_grants_spending_order_idx', { synchronize: false })
@Index('credit_grants_expiry_idx', { synchronize: false })
@Check('credit_grants_amount_check', 'amount > 0')
@Check('credit_grants_remaining_check', 'remaining_amount >= 0 AND remaining_amount <= amount')
@Check('credit_grants_expired_amount_check', 'expired_amount >= 0')
@Check('credit_grants_voided_amount_check', 'voided_amount >= 0')
@Check('credit_grants_type_check', `type IN ('promotional', 'purchased', 'goodwill', 'refund')`)
@Check('credit_grants_status_check', `status IN ('active', 'depleted', 'expired', 'voided')`)
export class CreditGrant extends TenantEntity {
  @Column('uuid')
  customerId: string;

  @Column('char', { length: 3 })
  currency: string;

  @MinorUnitsColumn()
  amount: number;

  @MinorUnitsColumn()
  remainingAmount: number;

  @MinorUnitsColumn({ default: 0 })
  expiredAmount: number;

  @MinorUnitsColumn({ default: 0 })
  voidedAmount: number;

  @Column('text')
  type: CreditGrantType;

  /** The ledger account debited by the grant (and credited back by a void). */
  @Column('text')
  fundingAccount: LedgerAccount;

  @Column('text')
  source: string;

  @Column('text', { nullable: true })
  sourceId: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;

  @Column('int', { default: 0 })
  priority: number;

  /** User or API key id; null for the system. */
  @Column('text', { nullable: true })
  grantedBy: string | null;

  @Column('text')
  status: CreditGrantStatus;
}
