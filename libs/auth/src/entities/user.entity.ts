import { BaseEntity } from '@app/core';
import { Check, Column, Entity, Index } from 'typeorm';

/** A person who signs in. Belongs to organisations through memberships. Emails are stored lower-case. */
@Entity('users')
@Check('users_email_lowercase_check', 'email = lower(email)')
export class User extends BaseEntity {
  @Index('users_email_key', { unique: true })
  @Column('text')
  email: string;

  @Column('text')
  name: string;

  @Column('text')
  passwordHash: string;

  @Column('timestamptz', { nullable: true })
  emailVerifiedAt: Date | null;

  /** Base32 TOTP secret; set at enrolment, active once `totpEnabledAt` is set. */
  @Column('text', { nullable: true })
  totpSecret: string | null;

  @Column('timestamptz', { nullable: true })
  totpEnabledAt: Date | null;

  /** The last accepted TOTP time step: a code is accepted once. */
  @Column('bigint', { nullable: true })
  totpLastTimeStep: string | null;
}
