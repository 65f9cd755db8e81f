import { Column, Entity, PrimaryColumn } from 'typeorm';

export const NUMBER_SEQUENCE_KINDS = ['invoice', 'credit_note'] as const;
export type NumberSequenceKind = (typeof NUMBER_SEQUENCE_KINDS)[number];

/** One gapless counter per organisation and document kind; advanced under its row lock. */
@Entity('invoice_number_sequences')
export class InvoiceNumberSequence {
  @PrimaryColumn('uuid')
  orgId: string;

  @PrimaryColumn('text')
  kind: NumberSequenceKind;

  @Column('bigint')
  nextValue: string;

  /** The year (UTC) of the last number taken, for the yearly reset. */
  @Column('text')
  currentPeriod: string;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
