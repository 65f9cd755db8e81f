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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID string: lets a lookup answer 404 for a malformed id without asking the database. */
export const isUuid = (value: unknown): boolean => typeof value === 'string' && UUID.test(value);
