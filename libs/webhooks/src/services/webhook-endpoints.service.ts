import { Injectable } from '@nestjs/common';
import {
  FieldError,
  Page,
  PageQuery,
  SecretBox,
  TransactionContext,
  WEBHOOK_EVENT_TYPES,
  isUuid,
  paginateById,
} from '@app/core';
import { newWebhookSecret } from '../delivery/webhook-signature';
import { CreateWebhookEndpointDto, UpdateWebhookEndpointDto } from '../dto/webhook-endpoint.dto';
import { WebhookEndpointResponse, WebhookEndpointWithSecretResponse } from '../dto/webhook-endpoint.response';
import { WebhookEndpoint } from '../entities/webhook-endpoint.entity';
import { WebhookTargetPolicy } from '../security/webhook-target-policy';
import { WebhooksError, WebhooksErrorCode, webhookEndpointNotFound } from '../webhooks.errors';

export const ALL_EVENTS = '*';
export const DEFAULT_SECRET_OVERLAP_HOURS = 24;

export const secretContext = (endpointId: string): string => `webhook_endpoints.secret:${endpointId}`;
export const previousSecretContext = (endpointId: string): string =>
  `webhook_endpoints.previous_secret:${endpointId}`;

export const toWebhookEndpointResponse = (e: WebhookEndpoint): WebhookEndpointResponse => ({
  id: e.id,
  url: e.url,
  description: e.description,
  enabledEvents: e.enabledEvents,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  previousSecretExpiresAt:
    e.previousSecretExpiresAt && e.previousSecretExpiresAt > new Date() ? e.previousSecretExpiresAt : null,
  failingSince: e.failingSince,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

/** `['*']`, or known event types without duplicates; otherwise a 422 naming each unknown entry. */
function checkedEventTypes(types: string[]): string[] {
  if (types.includes(ALL_EVENTS)) {
    if (types.length === 1) return types;
    throw new WebhooksError(422, WebhooksErrorCode.UnknownEventType, 'enabledEvents: "*" must be alone.', [
      { field: 'enabledEvents', message: '"*" subscribes to every type and cannot be combined with others' },
    ]);
  }
  const known = new Set<string>(WEBHOOK_EVENT_TYPES);
  const unknown = types.filter((type) => !known.has(type));
  if (unknown.length > 0) {
    const errors: FieldError[] = types.flatMap((type, index) =>
      known.has(type) ? [] : [{ field: `enabledEvents.${index}`, message: `unknown event type "${type}"` }],
    );
    throw new WebhooksError(
      422,
      WebhooksErrorCode.UnknownEventType,
      `Unknown event type(s): ${unknown.join(', ')}. See GET /v1/webhook-endpoints/event-types.`,
      errors,
    );
  }
  return [...new Set(types)];
}

/** Webhook endpoints of an organisation; another organisation's endpoint is a 404. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly secrets: SecretBox,
    private readonly policy: WebhookTargetPolicy,
  ) {}

  async create(orgId: string, input: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretResponse> {
    const enabledEvents = checkedEventTypes(input.enabledEvents);
    const url = await this.policy.assertAcceptable(input.url);
    const secret = newWebhookSecret();
    const endpoint = this.tx.manager.create(WebhookEndpoint, {
      orgId,
      url,
      description: input.description ?? null,
      enabledEvents,
      enabled: input.enabled ?? true,
      disabledReason: null,
      previousSecret: null,
      previousSecretExpiresAt: null,
      failingSince: null,
    });
    endpoint.secret = this.secrets.seal(secret, secretContext(endpoint.id));
    await this.tx.manager.insert(WebhookEndpoint, endpoint);
    return { ...toWebhookEndpointResponse(await this.require(orgId, endpoint.id)), secret };
  }

  async get(orgId: string, id: string): Promise<WebhookEndpointResponse> {
    return toWebhookEndpointResponse(await this.require(orgId, id));
  }

  async list(orgId: string, page: PageQuery): Promise<Page<WebhookEndpointResponse>> {
    const query = this.tx.manager
      .createQueryBuilder(WebhookEndpoint, 'e')
      .where('e.org_id = :orgId', { orgId });
    const result = await paginateById(query, page);
    return { ...result, data: result.data.map(toWebhookEndpointResponse) };
  }

  async update(orgId: string, id: string, input: UpdateWebhookEndpointDto): Promise<WebhookEndpointResponse> {
    await this.require(orgId, id);
    const changes: Partial<WebhookEndpoint> = {};
    if (input.enabledEvents !== undefined) changes.enabledEvents = checkedEventTypes(input.enabledEvents);
    if (input.url !== undefined) changes.url = await this.policy.assertAcceptable(input.url);
    if (input.description !== undefined) changes.description = input.description;
    if (input.enabled !== undefined) {
      changes.enabled = input.enabled;
      changes.disabledReason = null;
      if (input.enabled) changes.failingSince = null;
    }
    if (Object.keys(changes).length > 0)
      await this.tx.manager.update(WebhookEndpoint, { orgId, id }, changes);
    return this.get(orgId, id);
  }

  /** Deletes the endpoint with its delivery log; deliveries in flight are dropped. */
  async delete(orgId: string, id: string): Promise<void> {
    if (!isUuid(id)) throw webhookEndpointNotFound(id);
    const { affected } = await this.tx.manager.delete(WebhookEndpoint, { orgId, id });
    if (!affected) throw webhookEndpointNotFound(id);
  }

  /**
   * A new secret; the current one becomes the previous one and keeps signing (as a second `v1`) for
   * `overlapHours` (0 drops it now). A secret that was already previous is forgotten.
   */
  rotateSecret(
    orgId: string,
    id: string,
    overlapHours = DEFAULT_SECRET_OVERLAP_HOURS,
  ): Promise<WebhookEndpointWithSecretResponse> {
    if (!isUuid(id)) return Promise.reject(webhookEndpointNotFound(id));
    return this.tx.run(async (manager) => {
      const endpoint = await manager
        .createQueryBuilder(WebhookEndpoint, 'e')
        .setLock('pessimistic_write')
        .where('e.org_id = :orgId AND e.id = :id', { orgId, id })
        .getOne();
      if (!endpoint) throw webhookEndpointNotFound(id);
      const current = this.secrets.open(endpoint.secret, secretContext(id));
      const secret = newWebhookSecret();
      const overlaps = overlapHours > 0;
      await manager.update(
        WebhookEndpoint,
        { orgId, id },
        {
          secret: this.secrets.seal(secret, secretContext(id)),
          previousSecret: overlaps ? this.secrets.seal(current, previousSecretContext(id)) : null,
          previousSecretExpiresAt: overlaps ? new Date(Date.now() + overlapHours * 3_600_000) : null,
        },
      );
      return { ...(await this.get(orgId, id)), secret };
    });
  }

  /** The secrets that sign a delivery now: the current one, then the previous one while it overlaps. */
  signingSecrets(endpoint: WebhookEndpoint, now = new Date()): string[] {
    const secrets = [this.secrets.open(endpoint.secret, secretContext(endpoint.id))];
    if (
      endpoint.previousSecret &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > now
    ) {
      secrets.push(this.secrets.open(endpoint.previousSecret, previousSecretContext(endpoint.id)));
    }
    return secrets;
  }

  private async require(orgId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = isUuid(id) ? await this.tx.manager.findOneBy(WebhookEndpoint, { orgId, id }) : null;
    if (!endpoint) throw webhookEndpointNotFound(id);
    return endpoint;
  }
}
