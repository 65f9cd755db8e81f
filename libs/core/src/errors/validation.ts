import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, FieldError } from './app-error';
import { CoreErrorCode } from './core-error-codes';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Builds the 400 for a rejected body or query: unknown fields are named first, then each field error. */
export function validationError(errors: ValidationError[]): AppError {
  const fieldErrors = flatten(errors);
  const unknown = fieldErrors.filter((e) => e.message.endsWith('should not exist')).map((e) => e.field);
  const detail = unknown.length
    ? `Unknown field(s): ${unknown.join(', ')}.`
    : `Invalid field(s): ${[...new Set(fieldErrors.map((e) => e.field))].join(', ')}.`;
  return new AppError(400, CoreErrorCode.ValidationFailed, detail, fieldErrors);
}

export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationError,
  });
