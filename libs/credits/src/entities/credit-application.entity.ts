import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';

/**
 * An amount of one grant spent on one invoice. `restoredAt` is set when the invoice is voided and the amount
 * went back to the grant. The grant and the invoice are referenced by id (the invoice is another domain's).
 */
@Entity('credit_applications')
@Index('credit_applications_org_id_invoice_id_idx', ['orgId', 'invoiceId'])
@Index('credit_applications_org_id_grant_id_idx', ['orgId', 'grantId'])
@Index('credit_applications_org_id_customer_id_idx', ['orgId', 'customerId'])
@Check('credit_applications_amount_check', 'amount > 0')
export class CreditApplication extends TenantEntity {
  @Column('uuid')
  grantId: string;

  @Column('uuid')
  invoiceId: string;

  @Column('uuid')
  customerId: string;

  @MinorUnitsColumn()
  amount: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('timestamptz', { nullable: true })
  restoredAt: Date | null;
}
