import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';
import { LineTax } from '../../entities/invoice-line.entity';
import { CreditNote } from './credit-note.entity';

/** A credited part of one invoice line. Immutable (trigger `credit_note_lines_guard_immutable`). */
@Entity('credit_note_lines')
@Index('credit_note_lines_credit_note_id_idx', ['creditNoteId'])
@Index('credit_note_lines_invoice_line_id_idx', ['invoiceLineId'])
@Check('credit_note_lines_amounts_check', 'amount > 0 AND tax_amount >= 0 AND total = amount + tax_amount')
export class CreditNoteLine extends TenantEntity {
  @Column('uuid')
  creditNoteId: string;

  @ManyToOne(() => CreditNote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'credit_note_id' })
  creditNote?: CreditNote;

  @Column('integer')
  position: number;

  @Column('uuid', { nullable: true })
  invoiceLineId: string | null;

  @Column('text')
  description: string;

  /** Net, minor units. */
  @MinorUnitsColumn()
  amount: number;

  @MinorUnitsColumn()
  taxAmount: number;

  @MinorUnitsColumn()
  total: number;

  /** The credited tax per rate of the invoice line. */
  @Column('jsonb', { default: () => "'[]'" })
  taxes: LineTax[];
}
