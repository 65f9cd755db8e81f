import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

/**
 * An organisation's own Stripe account (docs/payments.md). The secret key and the webhook signing
 * secret are sealed with SecretBox (AES-256-GCM under DATA_ENCRYPTION_KEY, bound to this row) and never
 * returned by the API; only the key's last four characters are shown.
 */
@Entity('stripe_accounts')
@Index('stripe_accounts_org_id_key', ['orgId'], { unique: true })
export class StripeAccount extends TenantEntity {
  @Column('text')
  secretKeySealed: string;

  @Column('text')
  webhookSecretSealed: string;

  @Column('text')
  secretKeyLast4: string;

  /** `false` for `sk_test_`/`rk_test_` keys. */
  @Column('boolean')
  livemode: boolean;

  @Column('uuid', { nullable: true })
  connectedBy: string | null;
}
