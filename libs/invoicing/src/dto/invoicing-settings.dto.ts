import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';

/** PUT body: every field is optional; absent fields keep their current value. */
export class UpdateInvoicingSettingsDto {
  /** Tokens `{prefix}`, `{YYYY}`, `{YY}`, `{MM}`, `{seq}`, `{seq:N}`; must contain `{seq}` once. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  invoiceNumberPattern?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  creditNoteNumberPattern?: string;

  /** 1-20 letters, digits, `-`, `_` or `.`. */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  prefix?: string;

  /** Restart the sequences at 1 every year (UTC); the patterns must then contain `{YYYY}` or `{YY}`. */
  @IsOptional()
  @IsBoolean()
  yearlyReset?: boolean;

  /** Net terms for customers without their own (0 days); null for none. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(365)
  defaultPaymentTermsDays?: number | null;

  /** Hours a billing run's drafts stay reviewable before they are finalized. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  draftGraceHours?: number;
}
