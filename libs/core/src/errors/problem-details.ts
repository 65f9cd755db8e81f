import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldError } from './app-error';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `type` URIs are stable URNs; docs/errors.md lists every code. */
export const problemType = (code: string): string => `urn:billing:problem:${code}`;

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'email' })
  field: string;

  @ApiProperty({ example: 'email must be an email' })
  message: string;
}

/** RFC 9457 problem details, the body of every error response. */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:billing:problem:validation_failed' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'Unknown field(s): colour.' })
  detail: string;

  @ApiProperty({ example: 'validation_failed', description: 'Stable machine-readable error code.' })
  code: string;

  @ApiProperty({ example: '/v1/customers' })
  instance: string;

  @ApiProperty({ example: '0190f3c4-5b6a-7c8d-9e0f-a1b2c3d4e5f6' })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
