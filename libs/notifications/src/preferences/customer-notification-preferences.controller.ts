import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { UpdateCustomerNotificationPreferencesDto } from './customer-notification-preferences.dto';
import { CustomerNotificationPreferencesResponse } from './customer-notification-preferences.response';
import { CustomerNotificationPreferencesService } from './customer-notification-preferences.service';

const uuid = new ParseUUIDPipe();

@ApiTags('notifications')
@ApiBearerAuth('bearer')
@Controller('customers/:customerId/notification-preferences')
export class CustomerNotificationPreferencesController {
  constructor(private readonly preferences: CustomerNotificationPreferencesService) {}

  /** The customer's opt-outs and extra CC addresses. */
  @Get()
  @RequirePermission(Permission.CustomersRead)
  get(
    @Principal() principal: RequestPrincipal,
    @Param('customerId', uuid) customerId: string,
  ): Promise<CustomerNotificationPreferencesResponse> {
    return this.preferences.get(principal.orgId!, customerId);
  }

  /** Changes the given preferences (at most 10 CC addresses). */
  @Put()
  @RequirePermission(Permission.CustomersWrite)
  put(
    @Principal() principal: RequestPrincipal,
    @Param('customerId', uuid) customerId: string,
    @Body() body: UpdateCustomerNotificationPreferencesDto,
  ): Promise<CustomerNotificationPreferencesResponse> {
    return this.preferences.update(principal.orgId!, customerId, body);
  }
}
