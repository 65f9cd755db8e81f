import { TenantEntity } from '@app/core';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Organization } from './organization.entity';
import { Role } from '../roles';

/** An emailed invitation to join an organisation with a role; the token is stored as a SHA-256 hash. */
@Entity('invitations')
@Check('invitations_role_check', `role IN ('owner', 'admin', 'finance', 'developer', 'viewer')`)
export class Invitation extends TenantEntity {
  @Column('text')
  email: string;

  @Column('text')
  role: Role;

  @Index('invitations_token_hash_key', { unique: true })
  @Column('text')
  tokenHash: string;

  @Column('uuid')
  invitedBy: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  acceptedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: Organization;
}
