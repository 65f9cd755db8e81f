import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UsageAlert } from './usage-alert.entity';

/** An alert fired for a period: the primary key makes "once per alert and period" a database fact. */
@Entity('usage_alert_triggers')
export class UsageAlertTrigger {
  @PrimaryColumn('uuid')
  alertId: string;

  @PrimaryColumn('timestamptz')
  periodStart: Date;

  @ManyToOne(() => UsageAlert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id' })
  alert?: UsageAlert;

  @Column('uuid')
  orgId: string;

  @Column('timestamptz')
  periodEnd: Date;

  /** What was observed, in the unit of the threshold. */
  @Column('numeric')
  observed: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
