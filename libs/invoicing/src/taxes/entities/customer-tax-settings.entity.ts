import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const TAX_TREATMENTS = ['taxable', 'exempt', 'reverse_charge'] as const;
export type TaxTreatment = (typeof TAX_TREATMENTS)[number];

/** How one customer is taxed. The customer is another domain's row: referenced by id, no foreign key. */
@Entity('customer_tax_settings')
@Check('customer_tax_settings_treatment_check', `treatment IN ('taxable', 'exempt', 'reverse_charge')`)
export class CustomerTaxSettings {
  @PrimaryColumn('uuid')
  orgId: string;

  @PrimaryColumn('uuid')
  customerId: string;

  @Column('text')
  treatment: TaxTreatment;

  /** Rates replacing the org defaults for this customer; null = the org defaults. */
  @Column('uuid', { array: true, nullable: true })
  taxRateIds: string[] | null;

  /** Printed on the invoice (reverse charge, exemption certificate…). */
  @Column('text', { nullable: true })
  legalNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
