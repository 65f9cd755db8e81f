import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Permission, RequestPrincipal, RequirePermission, SkipIdempotency } from '@app/core';
import { Principal } from '@app/auth';
import { CreateDocumentTemplateDto, DocumentTemplateQuery } from '../dto/document-template.dto';
import { DocumentTemplatePageResponse, DocumentTemplateResponse } from '../dto/document-template.response';
import { sendPdf } from '../pdf-reply';
import { DocumentTemplatesService } from './document-templates.service';
import { TemplatePreviewService } from './template-preview.service';

@ApiTags('documents')
@ApiBearerAuth('bearer')
@Controller('documents/templates')
export class DocumentTemplatesController {
  constructor(
    private readonly templates: DocumentTemplatesService,
    private readonly previews: TemplatePreviewService,
  ) {}

  /**
   * A new version (a draft) of the org's invoice or credit-note template. It must compile (422
   * `template_syntax_error` naming the line) and render the sample data (422 `template_render_failed`).
   */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.OrgManage)
  create(
    @Principal() p: RequestPrincipal,
    @Body() body: CreateDocumentTemplateDto,
  ): Promise<DocumentTemplateResponse> {
    return this.templates.create(p.orgId!, body);
  }

  /** Newest version first. */
  @Get()
  @RequirePermission(Permission.InvoicesRead)
  list(
    @Principal() p: RequestPrincipal,
    @Query() query: DocumentTemplateQuery,
  ): Promise<DocumentTemplatePageResponse> {
    return this.templates.list(p.orgId!, query);
  }

  @Get(':id')
  @RequirePermission(Permission.InvoicesRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<DocumentTemplateResponse> {
    return this.templates.get(p.orgId!, id);
  }

  /** The version rendered with sample data, as a PDF (nothing is stored: a repeat renders it again). */
  @Post(':id/preview')
  @HttpCode(200)
  @SkipIdempotency()
  @RequirePermission(Permission.OrgManage)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF', schema: { type: 'string', format: 'binary' } })
  async preview(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendPdf(reply, await this.previews.preview(p.orgId!, id));
  }

  /** New documents of its kind use this version from now on; the previously active version is retired. */
  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermission(Permission.OrgManage)
  activate(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<DocumentTemplateResponse> {
    return this.templates.activate(p.orgId!, id);
  }
}
