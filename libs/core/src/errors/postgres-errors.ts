import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { CoreErrorCode } from './core-error-codes';

interface PgDriverError {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
  table?: string;
}

/** Postgres SQLSTATE codes that are caused by the request rather than by the server. */
const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  notNullViolation: '23502',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  invalidTextRepresentation: '22P02',
  numericOutOfRange: '22003',
  invalidDatetimeFormat: '22007',
  datetimeFieldOverflow: '22008',
  stringTooLong: '22001',
  characterNotInRepertoire: '22021',
  untranslatableCharacter: '22P05',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
  lockNotAvailable: '55P03',
} as const;

/** "Key (org_id, external_id)=(…, abc) already exists." → "org_id, external_id" without echoing values. */
function keyColumns(detail: string | undefined): string | undefined {
  return detail?.match(/^Key \(([^)]+)\)/)?.[1];
}

/**
 * Maps a database error that the client caused to a 4xx AppError, centrally, so that services never
 * catch and re-word constraint violations. Returns undefined for errors that are the server's fault.
 */
export function mapPostgresError(error: unknown): AppError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = error.driverError as PgDriverError;
  const columns = keyColumns(pg.detail);
  switch (pg.code) {
    case PG.uniqueViolation:
      return new AppError(
        409,
        CoreErrorCode.UniqueViolation,
        columns ? `A resource with the same ${columns} already exists.` : 'The resource already exists.',
      );
    case PG.foreignKeyViolation:
      return /is still referenced/.test(pg.detail ?? '')
        ? new AppError(
            409,
            CoreErrorCode.RowStillReferenced,
            'The resource is still referenced by other resources.',
          )
        : new AppError(
            422,
            CoreErrorCode.ReferencedRowMissing,
            columns
              ? `The resource referenced by ${columns} does not exist.`
              : 'A referenced resource does not exist.',
          );
    case PG.notNullViolation:
      return new AppError(
        422,
        CoreErrorCode.ConstraintViolation,
        `${pg.column ?? 'A required field'} must not be empty.`,
      );
    case PG.checkViolation:
    case PG.exclusionViolation:
      return new AppError(
        422,
        CoreErrorCode.ConstraintViolation,
        `The request violates the rule ${pg.constraint ?? 'of the resource'}.`,
      );
    case PG.invalidTextRepresentation:
    case PG.invalidDatetimeFormat:
    case PG.datetimeFieldOverflow:
      return new AppError(
        400,
        CoreErrorCode.InvalidValue,
        'A value in the request has the wrong format (e.g. an id that is not a UUID).',
      );
    case PG.numericOutOfRange:
      return new AppError(400, CoreErrorCode.InvalidValue, 'A number in the request is out of range.');
    case PG.characterNotInRepertoire:
    case PG.untranslatableCharacter:
      return new AppError(
        400,
        CoreErrorCode.InvalidValue,
        'A text value in the request contains a character that cannot be stored (e.g. a NUL byte).',
      );
    case PG.stringTooLong:
      return new AppError(400, CoreErrorCode.InvalidValue, 'A text value in the request is too long.');
    case PG.serializationFailure:
    case PG.deadlockDetected:
    case PG.lockNotAvailable:
      return new AppError(
        409,
        CoreErrorCode.ConcurrentUpdate,
        'The resource was changed concurrently; retry the request.',
      );
    default:
      return undefined;
  }
}
