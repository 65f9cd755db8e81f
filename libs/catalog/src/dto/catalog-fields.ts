import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const CODE_PATTERN = /^[a-z0-9_]{1,64}$/;

/** The `code` of a metric or plan: unique per organisation, lowercase letters, digits and `_`. */
export const CodeField = (example: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ example, pattern: CODE_PATTERN.source }),
    IsString(),
    Matches(CODE_PATTERN, { message: 'code must be 1-64 lowercase letters, digits or _' }),
  );

/** The display `name` of a catalog object (1–200 characters). */
export const NameField = (): PropertyDecorator => applyDecorators(IsString(), MinLength(1), MaxLength(200));

/** An optional free-text `description` (up to 2,000 characters). */
export const DescriptionField = (): PropertyDecorator =>
  applyDecorators(IsOptional(), IsString(), MaxLength(2000));
