import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '@app/core';
import { TEMPLATE_KINDS, TemplateKind } from '../entities/document-template.entity';

export class CreateDocumentTemplateDto {
  @IsIn(TEMPLATE_KINDS)
  kind: TemplateKind;

  /** Handlebars: the content of `<body>` (see docs/documents.md for the data it sees). */
  @IsString()
  @MaxLength(200_000)
  html: string;

  /** Handlebars too (e.g. `{{branding.accentColor}}`); placed in a `<style>` element. */
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  css?: string;
}

export class DocumentTemplateQuery extends PageQuery {
  @IsOptional()
  @IsIn(TEMPLATE_KINDS)
  kind?: TemplateKind;
}
