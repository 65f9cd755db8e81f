import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import {
  TEMPLATE_KINDS,
  TEMPLATE_STATUSES,
  TemplateKind,
  TemplateStatus,
} from '../entities/document-template.entity';

export class DocumentTemplateResponse {
  id: string;
  @ApiProperty({ enum: TEMPLATE_KINDS })
  kind: TemplateKind;
  version: number;
  @ApiProperty({ enum: TEMPLATE_STATUSES })
  status: TemplateStatus;
  html: string;
  css: string;
  activatedAt: Date | null;
  createdAt: Date;
}

export class DocumentTemplatePageResponse extends PageMeta {
  @ApiProperty({ type: [DocumentTemplateResponse] })
  data: DocumentTemplateResponse[];
}
