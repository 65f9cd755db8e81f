import { ApiProperty } from '@nestjs/swagger';
import { PAPER_SIZES, PaperSize } from '../branding.service';

export class DocumentSettingsResponse {
  accentColor: string;
  footer: string;
  @ApiProperty({ enum: PAPER_SIZES })
  paperSize: PaperSize;
  paymentInstructions: string;
  /** The logo as a `data:` URI, or null. */
  logoDataUri: string | null;
}
