import { IsString, Length, MaxLength } from 'class-validator';

export class ConfirmTwoFactorDto {
  @IsString()
  @Length(6, 6)
  code: string;
}

export class DisableTwoFactorDto {
  @IsString()
  @MaxLength(4096)
  password: string;

  @IsString()
  @Length(6, 6)
  code: string;
}
