import { TenantEntity } from '@app/core';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Organization } from './organization.entity';

/** An integrator's key. Only the SHA-256 of the secret is kept, found by a short public prefix. */
@Entity('api_keys')
export class ApiKey extends TenantEntity {
  @Column('text')
  name: string;

  @Index('api_keys_prefix_key', { unique: true })
  @Column('text')
  prefix: string;

  @Column('text')
  secretHash: string;

  @Column('text', { array: true })
  scopes: string[];

  /** `user:<id>` or `api_key:<id>`. */
  @Column('text')
  createdBy: string;

  @Column('timestamptz', { nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt: Date | null;

  /** Set on the old key when it is rotated: the key that replaces it. */
  @Column('uuid', { nullable: true })
  replacedBy: string | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: Organization;
}
