import { STATUS_CODES } from 'node:http';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `address.country` or `lines.2.amount`. */
  field: string;
  message: string;
}

/**
 * The one error type domain code throws. The problem+json filter turns it into an RFC 9457 response;
 * `code` is stable and documented so clients can switch on it.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }

  get title(): string {
    return STATUS_CODES[this.status] ?? 'Error';
  }
}

export class NotFoundError extends AppError {
  constructor(resource: string, id?: string) {
    super(
      404,
      `${resource}_not_found`,
      id ? `No ${resource.replace(/_/g, ' ')} with id ${id}.` : `No such ${resource.replace(/_/g, ' ')}.`,
    );
  }
}
