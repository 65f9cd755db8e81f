import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The organisation's reporting currency, which reports convert amounts into. */
@Entity('fx_settings')
export class FxSettings {
  @PrimaryColumn('uuid')
  orgId: string;

  @Column('char', { length: 3 })
  reportingCurrency: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
