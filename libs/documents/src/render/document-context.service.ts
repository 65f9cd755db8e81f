import { Injectable } from '@nestjs/common';
import { OrganizationsService } from '@app/auth';
import { DocumentSettingsService } from '../settings/document-settings.service';
import type { BuyerInput, DocumentContext } from './document-context';

/** Reads what surrounds a document: the seller (org profile), branding and document settings. */
@Injectable()
export class DocumentContextService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly settings: DocumentSettingsService,
  ) {}

  async load(orgId: string, buyer: BuyerInput): Promise<DocumentContext> {
    const [org, settings] = await Promise.all([this.organizations.get(orgId), this.settings.values(orgId)]);
    return {
      seller: {
        name: org.legalName ?? org.name,
        legalName: null,
        address: org.address,
        taxIds: org.taxIds,
        timezone: org.timezone,
      },
      buyer,
      branding: {
        accentColor: settings.accentColor,
        footer: settings.footer,
        logoDataUri: settings.logoDataUri,
        paperSize: settings.paperSize,
      },
      paymentInstructions: settings.paymentInstructions,
    };
  }
}
