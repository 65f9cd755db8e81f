import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import { TtlCache } from '../services/ttl-cache';
import { UsageErrorCode, invalidField } from '../usage.errors';
import { DEFAULT_INGESTION_WINDOW, INGESTION_WINDOW_BOUNDS, IngestionWindow } from '../usage.limits';
import { UsageSettings } from '../entities/usage-settings.entity';
import { UsageSettingsDto, UsageSettingsResponse } from './usage-settings.dto';

/** How long an organisation's window is reused by the ingest path of a process that did not change it. */
export const SETTINGS_CACHE_TTL_MS = 30_000;

/** Per-organisation ingestion settings (the accepted time window of event timestamps). */
@Injectable()
export class UsageSettingsService {
  private readonly windows = new TtlCache<IngestionWindow>(SETTINGS_CACHE_TTL_MS, 10_000);

  constructor(private readonly tx: TransactionContext) {}

  async get(orgId: string): Promise<UsageSettingsResponse> {
    const row = await this.tx.manager.findOneBy(UsageSettings, { orgId });
    if (!row)
      return {
        maxAgeSeconds: DEFAULT_INGESTION_WINDOW.maxAgeMs / 1000,
        maxFutureSeconds: DEFAULT_INGESTION_WINDOW.maxFutureMs / 1000,
        customized: false,
      };
    return { maxAgeSeconds: row.maxAgeSeconds, maxFutureSeconds: row.maxFutureSeconds, customized: true };
  }

  async put(orgId: string, input: UsageSettingsDto): Promise<UsageSettingsResponse> {
    for (const field of ['maxAgeSeconds', 'maxFutureSeconds'] as const) {
      const { min, max } = INGESTION_WINDOW_BOUNDS[field];
      if (input[field] < min || input[field] > max)
        throw invalidField(
          UsageErrorCode.InvalidSettings,
          field,
          `must be between ${min} and ${max} seconds`,
        );
    }
    await this.tx.manager.upsert(
      UsageSettings,
      { orgId, maxAgeSeconds: input.maxAgeSeconds, maxFutureSeconds: input.maxFutureSeconds },
      ['orgId'],
    );
    this.windows.delete(orgId);
    return this.get(orgId);
  }

  /** The window for the ingest path: cached per organisation (other processes see a change within the TTL). */
  async window(orgId: string): Promise<IngestionWindow> {
    const cached = this.windows.get(orgId);
    if (cached) return cached;
    const { maxAgeSeconds, maxFutureSeconds } = await this.get(orgId);
    const window = { maxAgeMs: maxAgeSeconds * 1000, maxFutureMs: maxFutureSeconds * 1000 };
    this.windows.set(orgId, window);
    return window;
  }
}
