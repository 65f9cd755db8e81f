import { ValidateBy, ValidationOptions } from 'class-validator';
import { isCurrencyCode } from '@app/core';

export const METADATA_MAX_KEYS = 50;
export const METADATA_MAX_KEY_LENGTH = 40;
export const METADATA_MAX_VALUE_LENGTH = 500;

/**
 * C0 control characters other than tab, line feed and carriage return (NUL cannot even be stored by Postgres).
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const hasControlCharacters = (value: string): boolean => CONTROL_CHARACTERS.test(value);

/** An IANA time zone name that this runtime knows (`Europe/Berlin`, `UTC`); not a raw offset. */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value))
    return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The runtime's canonical spelling of a valid time zone (`europe/berlin` → `Europe/Berlin`). */
export const canonicalTimeZone = (value: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;

/** A well-formed BCP 47 language tag (`de-DE`, `pt-BR`, `zh-Hant-TW`). */
export function isBcp47Locale(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export const canonicalLocale = (value: string): string => Intl.getCanonicalLocales(value)[0];

/** What is wrong with a metadata object, or undefined when it is within bounds. */
export function metadataProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'metadata must be an object of string values';
  const entries = Object.entries(value);
  if (entries.length > METADATA_MAX_KEYS) return `metadata must have at most ${METADATA_MAX_KEYS} keys`;
  for (const [key, item] of entries) {
    if (key.length === 0 || key.length > METADATA_MAX_KEY_LENGTH)
      return `metadata keys must be 1 to ${METADATA_MAX_KEY_LENGTH} characters`;
    if (hasControlCharacters(key)) return 'metadata keys must not contain control characters';
    if (typeof item !== 'string') return `metadata.${key} must be a string`;
    if (hasControlCharacters(item)) return `metadata.${key} must not contain control characters`;
    if (item.length > METADATA_MAX_VALUE_LENGTH)
      return `metadata.${key} must be at most ${METADATA_MAX_VALUE_LENGTH} characters`;
  }
  return undefined;
}

export const IsIanaTimeZone = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIanaTimeZone',
      validator: {
        validate: (value) => isIanaTimeZone(value),
        defaultMessage: (args) => `${args?.property} must be an IANA time zone such as Europe/Berlin`,
      },
    },
    options,
  );

export const IsBcp47Locale = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isBcp47Locale',
      validator: {
        validate: (value) => isBcp47Locale(value),
        defaultMessage: (args) => `${args?.property} must be a BCP 47 language tag such as de-DE`,
      },
    },
    options,
  );

export const IsCurrency = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isCurrency',
      validator: {
        validate: (value) => typeof value === 'string' && isCurrencyCode(value),
        defaultMessage: (args) => `${args?.property} must be an ISO 4217 currency code such as EUR`,
      },
    },
    options,
  );

export const IsBoundedMetadata = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isBoundedMetadata',
      validator: {
        validate: (value) => metadataProblem(value) === undefined,
        defaultMessage: (args) => metadataProblem(args?.value) ?? 'metadata is invalid',
      },
    },
    options,
  );

/** Text without control characters (tab and line breaks allowed). Non-strings are left to @IsString. */
export const NoControlCharacters = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'noControlCharacters',
      validator: {
        validate: (value) => typeof value !== 'string' || !hasControlCharacters(value),
        defaultMessage: (args) => `${args?.property} must not contain control characters`,
      },
    },
    options,
  );
