import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreditGrantResponse } from '../dto/credit.response';
import { CreditReadsService } from '../services/credit-reads.service';
import { CreditsService } from '../services/credits.service';

@ApiTags('credits')
@ApiBearerAuth('bearer')
@Controller('credit-grants')
export class CreditGrantsController {
  constructor(
    private readonly credits: CreditsService,
    private readonly reads: CreditReadsService,
  ) {}

  @Get(':id')
  @RequirePermission(Permission.CreditsRead)
  get(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<CreditGrantResponse> {
    return this.reads.getGrant(principal.orgId!, id);
  }

  /**
   * Voids what remains of the grant (posts Dr customer credit, Cr the funding account). What it already
   * paid on invoices stays applied; credit restored to it later is voided too. 409 `credit_grant_voided`
   * when already voided.
   */
  @Post(':id/void')
  @HttpCode(200)
  @RequirePermission(Permission.CreditsWrite)
  async void(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
  ): Promise<CreditGrantResponse> {
    await this.credits.voidGrant(principal.orgId!, id);
    return this.reads.getGrant(principal.orgId!, id);
  }
}
