import { BaseEntity } from '@app/core';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Session } from './session.entity';

/** One opaque refresh token of a session, stored as a SHA-256 hash; `usedAt` is set when it is rotated. */
@Entity('auth_refresh_tokens')
export class RefreshToken extends BaseEntity {
  @Index()
  @Column('uuid')
  sessionId: string;

  @Index('auth_refresh_tokens_hash_key', { unique: true })
  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;
}
