import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';
import type { AccountType, NormalBalance } from '../chart/chart-of-accounts';
import type { LedgerAccount as LedgerAccountCode } from '../ledger.types';

/** One account of an organisation's chart, created on its first posting. */
@Entity('ledger_accounts')
@Index('ledger_accounts_org_id_code_key', ['orgId', 'code'], { unique: true })
@Check('ledger_accounts_type_check', `type IN ('asset', 'liability', 'income', 'expense', 'contra_income')`)
@Check('ledger_accounts_normal_balance_check', `normal_balance IN ('debit', 'credit')`)
export class LedgerAccountRow extends TenantEntity {
  @Column('text')
  code: LedgerAccountCode;

  @Column('text')
  name: string;

  @Column('text')
  type: AccountType;

  @Column('text')
  normalBalance: NormalBalance;
}
