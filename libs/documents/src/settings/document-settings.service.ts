import { Injectable } from '@nestjs/common';
import { AuditService, RequestPrincipal, TransactionContext } from '@app/core';
import { UpdateDocumentSettingsDto } from '../dto/document-settings.dto';
import { DocumentSettingsResponse } from '../dto/document-settings.response';
import { DocumentSettings } from '../entities/document-settings.entity';
import { DEFAULT_DOCUMENT_SETTINGS, DocumentSettingsValues } from './document-settings.defaults';
import { logoDataUri } from './logo-image';

/** An organisation's branding and document settings (defaults without a row); every method takes orgId first. */
@Injectable()
export class DocumentSettingsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
  ) {}

  async values(orgId: string): Promise<DocumentSettingsValues> {
    const row = await this.tx.manager.findOneBy(DocumentSettings, { orgId });
    if (!row) return DEFAULT_DOCUMENT_SETTINGS;
    const { orgId: _orgId, updatedAt: _updatedAt, ...values } = row;
    return values;
  }

  get(orgId: string): Promise<DocumentSettingsResponse> {
    return this.values(orgId);
  }

  update(orgId: string, input: UpdateDocumentSettingsDto): Promise<DocumentSettingsResponse> {
    const defined = Object.entries(input).filter(([, value]) => value !== undefined);
    const changes: Partial<DocumentSettingsValues> = Object.fromEntries(defined);
    if (changes.accentColor) changes.accentColor = changes.accentColor.toLowerCase();
    return this.save(orgId, changes);
  }

  /** 422 `invalid_logo` unless a PNG, JPEG or SVG of at most 1 MB. */
  setLogo(orgId: string, actor: RequestPrincipal, content: unknown): Promise<DocumentSettingsResponse> {
    const dataUri = logoDataUri(content);
    return this.tx.run(async () => {
      await this.audit.record({
        orgId,
        actor,
        action: 'document_settings.logo_set',
        target: { type: 'document_settings', id: orgId },
        changes: {
          logo: { after: `${dataUri.slice(5, dataUri.indexOf(';'))}, ${(content as Buffer).length} bytes` },
        },
      });
      return this.save(orgId, { logoDataUri: dataUri });
    });
  }

  deleteLogo(orgId: string): Promise<DocumentSettingsResponse> {
    return this.save(orgId, { logoDataUri: null });
  }

  private save(orgId: string, changes: Partial<DocumentSettingsValues>): Promise<DocumentSettingsResponse> {
    return this.tx.run(async (manager) => {
      // The row is locked (or created) first, so that two concurrent partial updates both apply.
      await manager
        .createQueryBuilder()
        .insert()
        .into(DocumentSettings)
        .values({ orgId, ...DEFAULT_DOCUMENT_SETTINGS })
        .orIgnore()
        .execute();
      const current = await manager
        .createQueryBuilder(DocumentSettings, 's')
        .setLock('pessimistic_write')
        .where('s.org_id = :orgId', { orgId })
        .getOneOrFail();
      if (Object.keys(changes).length > 0) await manager.update(DocumentSettings, { orgId }, changes);
      const { orgId: _orgId, updatedAt: _updatedAt, ...values } = { ...current, ...changes };
      return values;
    });
  }
}
