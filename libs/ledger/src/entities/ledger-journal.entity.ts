import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { newId } from '@app/core';
import type { JournalKind } from '../ledger.types';

/** One business event's balanced set of lines. Append-only: corrections are new, reversing journals. */
@Entity('ledger_journals')
@Index('ledger_journals_org_id_kind_source_key', ['orgId', 'kind', 'sourceType', 'sourceId'], {
  unique: true,
})
@Index('ledger_journals_org_id_source_idx', ['orgId', 'sourceType', 'sourceId'])
@Index('ledger_journals_org_id_occurred_at_idx', ['orgId', 'occurredAt'])
export class LedgerJournal {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Column('uuid')
  orgId: string;

  @Column('text')
  kind: JournalKind;

  @Column('text')
  sourceType: string;

  @Column('text')
  sourceId: string;

  @Column('char', { length: 3 })
  currency: string;

  @Column('timestamptz')
  occurredAt: Date;

  @Column('text', { nullable: true })
  memo: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
