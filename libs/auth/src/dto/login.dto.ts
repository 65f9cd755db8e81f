import { IsEmail, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';

export class LoginDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(4096)
  password: string;

  /** The organisation to act in; defaults to the oldest membership. */
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class LoginSecondFactorDto {
  /** `challengeToken` from POST /v1/auth/login. */
  @IsString()
  @MaxLength(4096)
  challengeToken: string;

  /** A 6-digit code from the authenticator app. */
  @ValidateIf((dto: LoginSecondFactorDto) => dto.recoveryCode === undefined)
  @IsString()
  @Length(6, 6)
  code?: string;

  /** One of the recovery codes, instead of `code`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  recoveryCode?: string;
}

export class SwitchOrgDto {
  @IsUUID()
  organizationId: string;
}
