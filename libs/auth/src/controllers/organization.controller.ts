import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission, SkipAudit } from '@app/core';
import { UpdateOrganizationDto } from '../dto/organization.dto';
import { OrganizationResponse } from '../dto/organization.response';
import { Organization } from '../entities/organization.entity';
import { Principal } from '../http/auth.decorators';
import { OrganizationsService } from '../services/organizations.service';

const toResponse = (org: Organization): OrganizationResponse => ({
  id: org.id,
  name: org.name,
  legalName: org.legalName,
  address: org.address,
  taxIds: org.taxIds,
  defaultCurrency: org.defaultCurrency,
  timezone: org.timezone,
  locale: org.locale,
  require2fa: org.require2fa,
  createdAt: org.createdAt,
  updatedAt: org.updatedAt,
});

@ApiTags('organization')
@ApiBearerAuth('bearer')
@SkipAudit() // every mutating route records its own, more precise event
@Controller('org')
export class OrganizationController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** The caller's organisation profile. */
  @RequirePermission(Permission.OrgRead)
  @Get()
  async get(@Principal() principal: RequestPrincipal): Promise<OrganizationResponse> {
    return toResponse(await this.organizations.get(principal.orgId!));
  }

  @RequirePermission(Permission.OrgManage)
  @Patch()
  async update(
    @Principal() principal: RequestPrincipal,
    @Body() body: UpdateOrganizationDto,
  ): Promise<OrganizationResponse> {
    return toResponse(await this.organizations.update(principal.orgId!, principal, body));
  }
}
