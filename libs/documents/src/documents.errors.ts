import { AppError, FieldError, NotFoundError } from '@app/core';

/** Stable error codes of the documents domain (documented in docs/documents.md). */
export enum DocumentsErrorCode {
  InvalidLogo = 'invalid_logo',
  TemplateSyntaxError = 'template_syntax_error',
  TemplateRenderFailed = 'template_render_failed',
  InvoiceIsDraft = 'invoice_is_draft',
  PdfRenderFailed = 'pdf_render_failed',
}

export class DocumentsError extends AppError {
  constructor(
    status: number,
    code: DocumentsErrorCode,
    detail: string,
    errors?: FieldError[],
    headers?: Record<string, string>,
  ) {
    super(status, code, detail, errors, headers);
  }
}

export const templateNotFound = (id: string): NotFoundError => new NotFoundError('document_template', id);

export const invalidLogo = (message: string): DocumentsError =>
  new DocumentsError(422, DocumentsErrorCode.InvalidLogo, `logo: ${message}.`, [{ field: 'logo', message }]);

/** A template that does not compile: the field (html or css) and the line of the error. */
export const templateSyntaxError = (field: 'html' | 'css', line: number | null, message: string) =>
  new DocumentsError(
    422,
    DocumentsErrorCode.TemplateSyntaxError,
    `${field}${line ? ` line ${line}` : ''}: ${message}`,
    [{ field, message: line ? `line ${line}: ${message}` : message }],
  );

export const templateRenderFailed = (message: string): DocumentsError =>
  new DocumentsError(
    422,
    DocumentsErrorCode.TemplateRenderFailed,
    `The template fails on sample data: ${message}`,
  );

/** Chromium could not render in time (or at all): a temporary condition, worth a retry. */
export const pdfRenderFailed = (): DocumentsError =>
  new DocumentsError(
    503,
    DocumentsErrorCode.PdfRenderFailed,
    'The PDF could not be rendered right now; retry shortly.',
    undefined,
    { 'Retry-After': '5' },
  );
