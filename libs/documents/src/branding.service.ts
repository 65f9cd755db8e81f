import { Injectable } from '@nestjs/common';

export type PaperSize = 'A4' | 'Letter';

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
  /** The org's branding, or the defaults when it has set none. */
  async forOrg(_orgId: string): Promise<OrgBranding> {
    return { accentColor: '#4f46e5', footer: '', logoDataUri: null, paperSize: 'A4' };
  }
}
