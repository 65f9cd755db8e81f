import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { UsageSettingsDto, UsageSettingsResponse } from './usage-settings.dto';
import { UsageSettingsService } from './usage-settings.service';

@ApiTags('usage')
@ApiBearerAuth('bearer')
@Controller('usage/settings')
export class UsageSettingsController {
  constructor(private readonly settings: UsageSettingsService) {}

  /** The organisation's ingestion window (the defaults when never set). */
  @Get()
  @RequirePermission(Permission.UsageRead)
  get(@Principal() principal: RequestPrincipal): Promise<UsageSettingsResponse> {
    return this.settings.get(principal.orgId!);
  }

  /** Replaces the ingestion window; 422 `invalid_usage_settings` outside the bounds. */
  @Put()
  @RequirePermission(Permission.UsageWrite)
  put(
    @Principal() principal: RequestPrincipal,
    @Body() body: UsageSettingsDto,
  ): Promise<UsageSettingsResponse> {
    return this.settings.put(principal.orgId!, body);
  }
}
