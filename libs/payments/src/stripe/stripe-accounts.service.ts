import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { AppConfig, SecretBox, TransactionContext, newId } from '@app/core';
import { PaymentsError, PaymentsErrorCode } from '../payments.errors';
import { ConnectStripeAccountDto, StripeAccountResponse } from './stripe-account.dto';
import { StripeAccount } from './stripe-account.entity';
import { stripeClientOptions } from './stripe-client-options';

/** An org's Stripe account, ready to use: the SDK client on its key and the webhook signing secret. */
export interface StripeConnection {
  stripe: Stripe;
  webhookSecret: string;
  livemode: boolean;
}

const secretKeyContext = (orgId: string): string => `stripe_accounts.secret_key:${orgId}`;
const webhookSecretContext = (orgId: string): string => `stripe_accounts.webhook_secret:${orgId}`;

/** How long a process keeps an org's connection (or its absence) before reading the account row again. */
export const CONNECTION_CACHE_MS = 5_000;

/**
 * Each organisation connects its own Stripe account (docs/payments.md). With STRIPE_API_BASE set the SDK
 * clients talk to that base URL (the emulator) instead of api.stripe.com.
 */
@Injectable()
export class StripeAccountsService {
  private readonly connections = new Map<
    string,
    { connection: StripeConnection | null; expiresAt: number }
  >();

  constructor(
    private readonly tx: TransactionContext,
    private readonly box: SecretBox,
    private readonly config: AppConfig,
  ) {}

  /** Checks the key against Stripe, then stores both secrets sealed (replacing an earlier connection). */
  async connect(
    orgId: string,
    input: ConnectStripeAccountDto,
    userId?: string,
  ): Promise<StripeAccountResponse> {
    await this.verifyKey(input.secretKey);
    await this.tx.run(async (manager) => {
      const existing = await manager.findOneBy(StripeAccount, { orgId });
      await manager.save(
        manager.create(StripeAccount, {
          id: existing?.id ?? newId(),
          orgId,
          secretKeySealed: this.box.seal(input.secretKey, secretKeyContext(orgId)),
          webhookSecretSealed: this.box.seal(input.webhookSecret, webhookSecretContext(orgId)),
          secretKeyLast4: input.secretKey.slice(-4),
          livemode: /^(sk|rk)_live_/.test(input.secretKey),
          connectedBy: userId ?? null,
        }),
      );
    });
    this.connections.delete(orgId);
    return this.status(orgId);
  }

  async status(orgId: string): Promise<StripeAccountResponse> {
    const account = await this.tx.manager.findOneBy(StripeAccount, { orgId });
    return {
      connected: account !== null,
      livemode: account?.livemode ?? null,
      secretKeyLast4: account?.secretKeyLast4 ?? null,
      webhookUrl: `${this.config.PUBLIC_URL.replace(/\/$/, '')}/v1/webhooks/stripe/${orgId}`,
      connectedAt: account?.updatedAt ?? null,
    };
  }

  async disconnect(orgId: string): Promise<void> {
    await this.tx.manager.delete(StripeAccount, { orgId });
    this.connections.delete(orgId);
  }

  /**
   * The org's connection, or null when it has not connected Stripe. Kept in memory for
   * CONNECTION_CACHE_MS, so that the inbound webhook route reads no row per event: a key replaced or removed
   * in another process applies here within that time.
   */
  async find(orgId: string, now = Date.now()): Promise<StripeConnection | null> {
    const cached = this.connections.get(orgId);
    if (cached && cached.expiresAt > now) return cached.connection;
    const account = await this.tx.manager.findOneBy(StripeAccount, { orgId });
    const connection: StripeConnection | null = account && {
      stripe: this.client(this.box.open(account.secretKeySealed, secretKeyContext(orgId))),
      webhookSecret: this.box.open(account.webhookSecretSealed, webhookSecretContext(orgId)),
      livemode: account.livemode,
    };
    this.connections.set(orgId, { connection, expiresAt: now + CONNECTION_CACHE_MS });
    return connection;
  }

  /** The org's connection; a 409 `stripe_not_connected` when it has none. */
  async get(orgId: string): Promise<StripeConnection> {
    const connection = await this.find(orgId);
    if (!connection)
      throw new PaymentsError(
        409,
        PaymentsErrorCode.StripeNotConnected,
        'This organisation has not connected a Stripe account (PUT /v1/payments/stripe).',
      );
    return connection;
  }

  private client(secretKey: string): Stripe {
    const base = this.config.STRIPE_API_BASE;
    return new Stripe(secretKey, {
      maxNetworkRetries: this.config.STRIPE_MAX_NETWORK_RETRIES,
      timeout: this.config.STRIPE_TIMEOUT_MS,
      telemetry: false,
      ...(base ? stripeClientOptions(base) : {}),
    });
  }

  private async verifyKey(secretKey: string): Promise<void> {
    try {
      await this.client(secretKey).customers.list({ limit: 1 });
    } catch (error) {
      if (error instanceof Stripe.errors.StripeAuthenticationError)
        throw new PaymentsError(
          422,
          PaymentsErrorCode.StripeKeyInvalid,
          'secretKey: Stripe refused this key.',
          [{ field: 'secretKey', message: 'Stripe refused this key' }],
        );
      if (error instanceof Stripe.errors.StripePermissionError)
        throw new PaymentsError(
          422,
          PaymentsErrorCode.StripeKeyInvalid,
          'secretKey: this restricted key may not read customers.',
          [{ field: 'secretKey', message: 'missing the customers permission' }],
        );
      throw new PaymentsError(
        502,
        PaymentsErrorCode.StripeUnavailable,
        `Stripe could not be reached to check the key: ${(error as Error).message}`,
      );
    }
  }
}
