import { BaseEntity } from '@app/core';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { User } from './user.entity';

/** A sign-in on one device: the family of refresh tokens rotated from one login. */
@Entity('auth_sessions')
export class Session extends BaseEntity {
  @Index()
  @Column('uuid')
  userId: string;

  /** The organisation the session's tokens act in. */
  @Column('uuid')
  orgId: string;

  @Column('text', { nullable: true })
  userAgent: string | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('timestamptz')
  lastUsedAt: Date;

  /** Absolute end of the session, whatever the rotations. */
  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  revokedReason: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
