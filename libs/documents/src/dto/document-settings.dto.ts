import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PAPER_SIZES, PaperSize } from '../branding.service';

export class UpdateDocumentSettingsDto {
  /** `#rrggbb`, lower or upper case (stored lower case). */
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'accentColor must be a colour as #rrggbb' })
  accentColor?: string;

  /** One line printed at the bottom of every page (and of emails). */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  footer?: string;

  @IsOptional()
  @IsIn(PAPER_SIZES)
  paperSize?: PaperSize;

  /** Printed on invoices under the amount due (bank details, payment terms). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  paymentInstructions?: string;
}
