import { TenantEntity } from '@app/core';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Organization } from './organization.entity';
import { User } from './user.entity';
import { Role } from '../roles';

/** A user's role in one organisation. */
@Entity('memberships')
@Check('memberships_role_check', `role IN ('owner', 'admin', 'finance', 'developer', 'viewer')`)
@Index('memberships_org_user_key', ['orgId', 'userId'], { unique: true })
export class Membership extends TenantEntity {
  @Index()
  @Column('uuid')
  userId: string;

  @Column('text')
  role: Role;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: Organization;
}
