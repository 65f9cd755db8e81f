import { IsString, Matches } from 'class-validator';

export class ConnectStripeAccountDto {
  /** A secret (`sk_…`) or restricted (`rk_…`) key of the organisation's Stripe account. */
  @IsString()
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/, {
    message: 'secretKey must be a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_…)',
  })
  secretKey: string;

  /** The signing secret (`whsec_…`) of the webhook endpoint configured in Stripe for this organisation. */
  @IsString()
  @Matches(/^whsec_[A-Za-z0-9_]{8,}$/, { message: 'webhookSecret must be a Stripe signing secret (whsec_…)' })
  webhookSecret: string;
}

export class StripeAccountResponse {
  connected: boolean;
  /** `false` with test keys. Null when not connected. */
  livemode: boolean | null;
  /** The last four characters of the secret key; the key itself is never returned. */
  secretKeyLast4: string | null;
  /** The URL to configure as the webhook endpoint in Stripe's dashboard. */
  webhookUrl: string;
  connectedAt: Date | null;
}
