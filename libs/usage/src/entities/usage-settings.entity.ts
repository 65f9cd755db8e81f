import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Per-organisation ingestion settings; an organisation without a row has the defaults of USAGE_LIMITS. */
@Entity('usage_settings')
@Check('usage_settings_max_age_seconds_check', 'max_age_seconds BETWEEN 3600 AND 34560000')
@Check('usage_settings_max_future_seconds_check', 'max_future_seconds BETWEEN 0 AND 86400')
export class UsageSettings {
  @PrimaryColumn('uuid')
  orgId: string;

  @Column('int')
  maxAgeSeconds: number;

  @Column('int')
  maxFutureSeconds: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
