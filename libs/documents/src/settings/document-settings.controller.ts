import { Body, Controller, Delete, Get, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Permission, RequestPrincipal, RequirePermission, SkipAudit } from '@app/core';
import { Principal } from '@app/auth';
import { UpdateDocumentSettingsDto } from '../dto/document-settings.dto';
import { DocumentSettingsResponse } from '../dto/document-settings.response';
import { DocumentSettingsService } from './document-settings.service';
import { LOGO_CONTENT_TYPES } from './logo-body-parser';

@ApiTags('documents')
@ApiBearerAuth('bearer')
@Controller('documents')
export class DocumentSettingsController {
  constructor(private readonly settings: DocumentSettingsService) {}

  /** Branding and document settings (the defaults until changed). */
  @Get('settings')
  @RequirePermission(Permission.InvoicesRead)
  get(@Principal() p: RequestPrincipal): Promise<DocumentSettingsResponse> {
    return this.settings.get(p.orgId!);
  }

  /** Changes the given fields; applies to documents rendered from now on (stored PDFs never change). */
  @Put('settings')
  @RequirePermission(Permission.OrgManage)
  update(
    @Principal() p: RequestPrincipal,
    @Body() body: UpdateDocumentSettingsDto,
  ): Promise<DocumentSettingsResponse> {
    return this.settings.update(p.orgId!, body);
  }

  /**
   * The logo: the image itself as the body. PNG, JPEG or SVG (told by its bytes), at most 1 MB; 422
   * `invalid_logo` otherwise. Audited as `document_settings.logo_set` (with its type and size, not the image).
   */
  @Put('logo')
  @SkipAudit()
  @RequirePermission(Permission.OrgManage)
  @ApiConsumes(...LOGO_CONTENT_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  setLogo(
    @Principal() p: RequestPrincipal,
    @Req() request: FastifyRequest,
  ): Promise<DocumentSettingsResponse> {
    return this.settings.setLogo(p.orgId!, p, request.body);
  }

  @Delete('logo')
  @RequirePermission(Permission.OrgManage)
  deleteLogo(@Principal() p: RequestPrincipal): Promise<DocumentSettingsResponse> {
    return this.settings.deleteLogo(p.orgId!);
  }
}
