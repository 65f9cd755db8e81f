import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class SignupDto {
  /** Your full name. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsEmail()
  @MaxLength(254)
  email: string;

  /** 12 to 128 characters, not a commonly used password. */
  @IsString()
  @MaxLength(4096)
  password: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organizationName: string;
}
