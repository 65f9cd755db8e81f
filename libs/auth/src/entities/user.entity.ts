import { BaseEntity } from '@app/core';
import { Check, Column, Entity, Index } from 'typeorm';

/** A person who signs in. Belongs to organisations through memberships. Emails are stored lower-case. */
@Entity('users')
@Check('users_email_lowercase_check', 'email = lower(email)')
@Check('users_totp_secret_encrypted_check', `totp_secret_encrypted ~ '^v[0-9]+:'`)
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

  /**
   * The base32 TOTP secret, encrypted with core's SecretBox (`v1:…`, bound to the user id); set at
   * enrolment, active once `totpEnabledAt` is set. Never plain text (checked by the database).
   */
  @Column('text', { nullable: true })
  totpSecretEncrypted: string | null;

  @Column('timestamptz', { nullable: true })
  totpEnabledAt: Date | null;

  /** The last accepted TOTP time step: a code is accepted once. */
  @Column('bigint', { nullable: true })
  totpLastTimeStep: string | null;
}
