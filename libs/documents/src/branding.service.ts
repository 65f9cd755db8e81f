import { Injectable } from '@nestjs/common';
import { DocumentSettingsService } from './settings/document-settings.service';

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** An organisation's look, shared by its PDFs and its emails. */
export interface OrgBranding {
  accentColor: string;
  /** Footer line printed on documents and emails; empty when none. */
  footer: string;
  /** The uploaded logo as a `data:` URI (the renderer fetches nothing else), or null. */
  logoDataUri: string | null;
  paperSize: PaperSize;
}

@Injectable()
export class BrandingService {
  constructor(private readonly settings: DocumentSettingsService) {}

  /** The org's branding, or the defaults when it has set none. */
  async forOrg(orgId: string): Promise<OrgBranding> {
    const { accentColor, footer, logoDataUri, paperSize } = await this.settings.values(orgId);
    return { accentColor, footer, logoDataUri, paperSize };
  }
}
