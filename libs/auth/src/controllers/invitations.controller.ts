import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  Public,
  RequestPrincipal,
  RequirePermission,
  SkipAudit,
  SkipIdempotency,
} from '@app/core';
import { AcceptedInvitationResponse } from '../dto/auth.response';
import { AcceptInvitationDto, InviteDto } from '../dto/members.dto';
import { InvitationListResponse, InvitationResponse } from '../dto/member.response';
import { Invitation } from '../entities/invitation.entity';
import { Principal } from '../http/auth.decorators';
import { InvitationsService } from '../services/invitations.service';

const toResponse = (i: Invitation): InvitationResponse => ({
  id: i.id,
  email: i.email,
  role: i.role,
  expiresAt: i.expiresAt,
  createdAt: i.createdAt,
});

@ApiTags('organization')
@SkipAudit() // every mutating route records its own, more precise event
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  /** Mails an invitation (valid 7 days) to join the organisation with a role. */
  @ApiBearerAuth('bearer')
  @RequirePermission(Permission.MembersManage)
  @Post('org/invitations')
  @HttpCode(201)
  async invite(
    @Principal() principal: RequestPrincipal,
    @Body() body: InviteDto,
  ): Promise<InvitationResponse> {
    return toResponse(await this.invitations.invite(principal.orgId!, principal, body.email, body.role));
  }

  @ApiBearerAuth('bearer')
  @RequirePermission(Permission.MembersRead)
  @Get('org/invitations')
  async list(@Principal() principal: RequestPrincipal): Promise<InvitationListResponse> {
    return { data: (await this.invitations.listPending(principal.orgId!)).map(toResponse) };
  }

  @ApiBearerAuth('bearer')
  @RequirePermission(Permission.MembersManage)
  @Delete('org/invitations/:id')
  @HttpCode(204)
  async revoke(
    @Principal() principal: RequestPrincipal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<void> {
    await this.invitations.revoke(principal.orgId!, principal, id);
  }

  /** Accepts an invitation with the emailed token; a new person also sends name and password. */
  @Public()
  @SkipIdempotency() // single-use token in the body; the response is not to be kept or replayed
  @Post('auth/invitations/accept')
  @HttpCode(200)
  accept(@Body() body: AcceptInvitationDto): Promise<AcceptedInvitationResponse> {
    return this.invitations.accept(body.token, body);
  }
}
