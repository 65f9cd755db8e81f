import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission, SkipAudit } from '@app/core';
import { ChangeRoleDto } from '../dto/members.dto';
import { MemberListResponse, MemberResponse } from '../dto/member.response';
import { Principal } from '../http/auth.decorators';
import { MembersService } from '../services/members.service';

@ApiTags('organization')
@ApiBearerAuth('bearer')
@SkipAudit() // every mutating route records its own, more precise event
@Controller('org/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @RequirePermission(Permission.MembersRead)
  @Get()
  async list(@Principal() principal: RequestPrincipal): Promise<MemberListResponse> {
    return { data: await this.members.list(principal.orgId!) };
  }

  /** Changes a member's role; only owners grant or take `owner`; the last owner cannot be demoted. */
  @RequirePermission(Permission.MembersManage)
  @Patch(':userId')
  async changeRole(
    @Principal() principal: RequestPrincipal,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<MemberResponse> {
    await this.members.changeRole(principal.orgId!, principal, userId, body.role);
    const member = (await this.members.list(principal.orgId!)).find((m) => m.userId === userId)!;
    return member;
  }

  /** Removes a member and ends their sessions in this organisation; the last owner cannot be removed. */
  @RequirePermission(Permission.MembersManage)
  @Delete(':userId')
  @HttpCode(204)
  async remove(
    @Principal() principal: RequestPrincipal,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<void> {
    await this.members.remove(principal.orgId!, principal, userId);
  }
}
