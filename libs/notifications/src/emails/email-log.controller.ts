import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { EmailLogQuery } from './email-log.dto';
import { EmailLogDetailResponse, EmailLogPageResponse } from './email-log.response';
import { EmailLogService } from './email-log.service';

@ApiTags('notifications')
@ApiBearerAuth('bearer')
@Controller('notifications/emails')
export class EmailLogController {
  constructor(private readonly emails: EmailLogService) {}

  /** The organisation's emails, newest first, with their delivery status. */
  @Get()
  @RequirePermission(Permission.CustomersRead)
  list(
    @Principal() principal: RequestPrincipal,
    @Query() query: EmailLogQuery,
  ): Promise<EmailLogPageResponse> {
    return this.emails.list(principal.orgId!, query);
  }

  /** One email, with the HTML and text sent; 404 `email_not_found` (also for another organisation's). */
  @Get(':id')
  @RequirePermission(Permission.CustomersRead)
  get(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<EmailLogDetailResponse> {
    return this.emails.get(principal.orgId!, id);
  }
}
