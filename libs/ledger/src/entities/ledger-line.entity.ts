import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MinorUnitsColumn, newId } from '@app/core';
import type { LedgerAccount } from '../ledger.types';
import { LedgerJournal } from './ledger-journal.entity';

/**
 * One debit or credit of a journal. The account code, currency and occurrence time are copied from the
 * journal so balances and reports read this table alone.
 */
@Entity('ledger_lines')
@Index('ledger_lines_journal_id_idx', ['journalId'])
@Index('ledger_lines_org_account_idx', ['orgId', 'account', 'currency', 'occurredAt'])
@Index('ledger_lines_org_customer_idx', ['orgId', 'customerId', 'account', 'currency', 'occurredAt'])
@Check('ledger_lines_debit_check', 'debit >= 0')
@Check('ledger_lines_credit_check', 'credit >= 0')
@Check('ledger_lines_one_side_check', '(debit > 0) <> (credit > 0)')
export class LedgerLine {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Column('uuid')
  orgId: string;

  @Column('uuid')
  journalId: string;

  @ManyToOne(() => LedgerJournal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'journal_id' })
  journal?: LedgerJournal;

  @Column('text')
  account: LedgerAccount;

  @Column('uuid', { nullable: true })
  customerId: string | null;

  @Column('char', { length: 3 })
  currency: string;

  @MinorUnitsColumn({ default: 0 })
  debit: number;

  @MinorUnitsColumn({ default: 0 })
  credit: number;

  @Column('timestamptz')
  occurredAt: Date;
}
