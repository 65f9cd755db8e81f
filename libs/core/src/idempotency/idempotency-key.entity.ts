import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { newId } from '../database/base.entity';

export enum IdempotencyState {
  InFlight = 'in_flight',
  Completed = 'completed',
}

/** The stored outcome of a POST sent with an Idempotency-Key, replayed for 24 h. */
@Entity('idempotency_keys')
@Index('idempotency_keys_scope_key_uq', ['scope', 'key'], { unique: true })
export class IdempotencyKey {
  @PrimaryColumn('uuid')
  id: string = newId();

  /** The principal's organisation id, or `anonymous` for unauthenticated routes. */
  @Column('text')
  scope: string;

  @Column('text')
  key: string;

  @Column('text')
  method: string;

  @Column('text')
  path: string;

  /** SHA-256 of method, path and the canonical JSON body. */
  @Column('text')
  requestHash: string;

  @Column('text')
  state: IdempotencyState;

  @Column('int', { nullable: true })
  responseStatus: number | null;

  @Column('jsonb', { nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** When the in-flight lock was taken; a lock older than the takeover window counts as abandoned. */
  @Column('timestamptz')
  lockedAt: Date;

  @Index()
  @Column('timestamptz')
  expiresAt: Date;
}
