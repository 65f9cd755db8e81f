import { BaseEntity } from '@app/core';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { User } from './user.entity';

/** A single-use 2FA recovery code, stored as a SHA-256 hash. */
@Entity('auth_recovery_codes')
export class RecoveryCode extends BaseEntity {
  @Index()
  @Column('uuid')
  userId: string;

  @Index('auth_recovery_codes_hash_key', { unique: true })
  @Column('text')
  codeHash: string;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
