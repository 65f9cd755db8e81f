import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { UpdateNotificationSettingsDto } from './notification-settings.dto';
import { NotificationSettingsResponse } from './notification-settings.response';
import { NotificationSettingsService } from './notification-settings.service';

@ApiTags('notifications')
@ApiBearerAuth('bearer')
@Controller('notifications/settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  /** Which emails the organisation sends (the defaults, all on, when never set). */
  @Get()
  @RequirePermission(Permission.OrgRead)
  get(@Principal() principal: RequestPrincipal): Promise<NotificationSettingsResponse> {
    return this.settings.get(principal.orgId!);
  }

  /** Changes the given settings; 422 `invalid_notification_settings` for a lead time out of bounds. */
  @Put()
  @RequirePermission(Permission.OrgManage)
  put(
    @Principal() principal: RequestPrincipal,
    @Body() body: UpdateNotificationSettingsDto,
  ): Promise<NotificationSettingsResponse> {
    return this.settings.update(principal.orgId!, body);
  }
}
