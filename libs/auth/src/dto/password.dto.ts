import { IsEmail, IsString, MaxLength } from 'class-validator';

export class ResetPasswordDto {
  @IsString()
  @MaxLength(512)
  token: string;

  @IsString()
  @MaxLength(4096)
  password: string;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(4096)
  currentPassword: string;

  @IsString()
  @MaxLength(4096)
  newPassword: string;
}

export class ChangeEmailDto {
  /** The current password, to re-authenticate. */
  @IsString()
  @MaxLength(4096)
  password: string;

  @IsEmail()
  @MaxLength(254)
  newEmail: string;
}
