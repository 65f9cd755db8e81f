import { IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery, queryBoolean } from '@app/core';
import { IsCurrency, NoControlCharacters } from '../validation/customer-validators';

/** Filters of the customer list and of its CSV export; they combine with AND. */
export class CustomerFilter {
  /** Customers with this billing e-mail address (case-insensitive, exact). */
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  email?: string;

  /** The customer with this external id. */
  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @MaxLength(255)
  externalId?: string;

  /** ISO 4217. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsCurrency()
  currency?: string;

  /** Created at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  /** Created before this instant (ISO 8601, exclusive). */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;

  /** `true`: archived customers only; `false`: active ones only; both when absent. */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean({ message: 'archived must be true or false' })
  archived?: boolean;

  /** Case-insensitive search in the name and the billing e-mails (substring). */
  @IsOptional()
  @IsString()
  @NoControlCharacters()
  @MaxLength(200)
  @Matches(/\S/, { message: 'q must not be blank' })
  q?: string;
}

/** `GET /v1/customers`: the filters plus cursor pagination, newest first. */
export class CustomerQuery extends IntersectionType(CustomerFilter, PageQuery) {}
