import { Column, CreateDateColumn, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { uuidv7 } from 'uuidv7';

/** Time-ordered UUID v7 ids generated in the app, so ids sort by creation and index well. */
export const newId = (): string => uuidv7();

export abstract class BaseEntity {
  @PrimaryColumn('uuid')
  id: string = newId();

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A row owned by one organisation (tenant). Every repository method takes the org id first. */
export abstract class TenantEntity extends BaseEntity {
  @Index()
  @Column('uuid')
  orgId: string;
}
