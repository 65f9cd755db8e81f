import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The rates of lines billing one plan charge, replacing customer and org defaults. A catalog id, no foreign key. */
@Entity('charge_tax_rates')
export class ChargeTaxRates {
  @PrimaryColumn('uuid')
  orgId: string;

  @PrimaryColumn('uuid')
  chargeId: string;

  /** Empty = lines of this charge are not taxed. */
  @Column('uuid', { array: true })
  taxRateIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
