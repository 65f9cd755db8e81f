import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinDate,
  MinLength,
} from 'class-validator';
import { Permission } from '@app/core';

export class CreateApiKeyDto {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** Permissions the key grants; each must be one the creator holds. */
  @IsArray()
  @ArrayMinSize(1)
  @IsEnum(Permission, { each: true })
  scopes: Permission[];

  /** When the key stops working (ISO 8601); never when absent. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  @MinDate(() => new Date())
  expiresAt?: Date;
}

export class RotateApiKeyDto {
  /** How long the old secret keeps working, in hours (default 24). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(720)
  gracePeriodHours?: number;
}
