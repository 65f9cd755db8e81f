import { Check, Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/core';

/** Why an endpoint was disabled by the platform (null when enabled, or disabled by a user). */
export const WEBHOOK_DISABLED_REASONS = ['failing'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

/**
 * Where an organisation receives its events. The signing secret is stored sealed with core's SecretBox
 * (bound to the endpoint id); after a rotation the previous secret keeps signing until it expires.
 */
@Entity('webhook_endpoints')
@Check('webhook_endpoints_disabled_reason_check', `disabled_reason IS NULL OR disabled_reason IN ('failing')`)
export class WebhookEndpoint extends TenantEntity {
  @Column('text')
  url: string;

  @Column('text', { nullable: true })
  description: string | null;

  /** Subscribed event types, or `['*']` for every type. */
  @Column('text', { array: true })
  enabledEvents: string[];

  @Column('boolean', { default: true })
  enabled: boolean;

  @Column('text', { nullable: true })
  disabledReason: WebhookDisabledReason | null;

  /** `whsec_…`, sealed (SecretBox, context `webhook_endpoints.secret:<id>`). */
  @Column('text')
  secret: string;

  /** The secret before the last rotation, sealed; also signs deliveries until `previousSecretExpiresAt`. */
  @Column('text', { nullable: true })
  previousSecret: string | null;

  @Column('timestamptz', { nullable: true })
  previousSecretExpiresAt: Date | null;

  /** The first failed attempt since the last successful one; null while deliveries succeed. */
  @Column('timestamptz', { nullable: true })
  failingSince: Date | null;
}
