import { IsEmail, IsString, MaxLength } from 'class-validator';

export class RefreshDto {
  @IsString()
  @MaxLength(512)
  refreshToken: string;
}

export class TokenDto {
  /** The token from the emailed link. */
  @IsString()
  @MaxLength(512)
  token: string;
}

export class EmailDto {
  @IsEmail()
  @MaxLength(254)
  email: string;
}
