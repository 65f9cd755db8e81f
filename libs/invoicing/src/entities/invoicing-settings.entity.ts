import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const DEFAULT_INVOICING_SETTINGS = {
  invoiceNumberPattern: '{prefix}-{YYYY}-{seq:6}',
  creditNoteNumberPattern: '{prefix}-CN-{YYYY}-{seq:6}',
  prefix: 'INV',
  yearlyReset: true,
  defaultPaymentTermsDays: null as number | null,
  draftGraceHours: 0,
};

/** Per-organisation invoicing settings; an organisation without a row uses the defaults. */
@Entity('invoicing_settings')
@Check(
  'invoicing_settings_terms_check',
  'default_payment_terms_days IS NULL OR default_payment_terms_days BETWEEN 0 AND 365',
)
@Check('invoicing_settings_grace_check', 'draft_grace_hours BETWEEN 0 AND 720')
export class InvoicingSettings {
  @PrimaryColumn('uuid')
  orgId: string;

  @Column('text', { default: DEFAULT_INVOICING_SETTINGS.invoiceNumberPattern })
  invoiceNumberPattern: string;

  @Column('text', { default: DEFAULT_INVOICING_SETTINGS.prefix })
  prefix: string;

  @Column('text', { default: DEFAULT_INVOICING_SETTINGS.creditNoteNumberPattern })
  creditNoteNumberPattern: string;

  @Column('boolean', { default: true })
  yearlyReset: boolean;

  @Column('integer', { nullable: true })
  defaultPaymentTermsDays: number | null;

  /** Hours a billing run's drafts wait for review before they are finalized. */
  @Column('integer', { default: 0 })
  draftGraceHours: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
