import { IsEmail, IsEnum, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Role } from '../roles';

export class ChangeRoleDto {
  @IsEnum(Role)
  role: Role;
}

export class InviteDto {
  @IsEmail()
  @MaxLength(254)
  email: string;

  @IsEnum(Role)
  role: Role;
}

export class AcceptInvitationDto {
  @IsString()
  @MaxLength(512)
  token: string;

  /** Only for a new account. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  /** Only for a new account. */
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  password?: string;
}
