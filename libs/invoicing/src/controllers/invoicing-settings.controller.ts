import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { UpdateInvoicingSettingsDto } from '../dto/invoicing-settings.dto';
import { InvoicingSettingsResponse } from '../dto/invoicing-settings.response';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';

@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoicing/settings')
export class InvoicingSettingsController {
  constructor(private readonly settings: InvoicingSettingsService) {}

  @Get()
  @RequirePermission(Permission.InvoicesRead)
  get(@Principal() p: RequestPrincipal): Promise<InvoicingSettingsResponse> {
    return this.settings.get(p.orgId!);
  }

  /** Absent fields keep their value; number patterns are validated (422 naming the field). */
  @Put()
  @RequirePermission(Permission.InvoicesWrite)
  update(
    @Principal() p: RequestPrincipal,
    @Body() body: UpdateInvoicingSettingsDto,
  ): Promise<InvoicingSettingsResponse> {
    return this.settings.update(p.orgId!, body);
  }
}
