import { BaseEntity } from '@app/core';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { User } from './user.entity';

export enum TokenPurpose {
  VerifyEmail = 'verify_email',
  ChangeEmail = 'change_email',
  ResetPassword = 'reset_password',
}

/** A single-use emailed token (verification, email change, password reset), stored as a SHA-256 hash. */
@Entity('auth_one_time_tokens')
@Check('auth_one_time_tokens_purpose_check', `purpose IN ('verify_email', 'change_email', 'reset_password')`)
export class OneTimeToken extends BaseEntity {
  @Index()
  @Column('uuid')
  userId: string;

  @Column('text')
  purpose: TokenPurpose;

  @Index('auth_one_time_tokens_hash_key', { unique: true })
  @Column('text')
  tokenHash: string;

  /** For an email change: the new address. */
  @Column('text', { nullable: true })
  email: string | null;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
