import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreditGrantQuery, CreditHistoryQuery, GrantCreditDto } from '../dto/credit-grant.dto';
import {
  CreditBalanceResponse,
  CreditGrantPageResponse,
  CreditGrantResponse,
  CreditHistoryPageResponse,
} from '../dto/credit.response';
import { CreditReadsService } from '../services/credit-reads.service';
import { CreditsService } from '../services/credits.service';

const uuid = new ParseUUIDPipe();

@ApiTags('credits')
@ApiBearerAuth('bearer')
@Controller('customers/:customerId/credits')
export class CustomerCreditsController {
  constructor(
    private readonly credits: CreditsService,
    private readonly reads: CreditReadsService,
  ) {}

  /**
   * Grants credit to the customer (posts Dr funding account, Cr customer credit). A non-integer or
   * non-positive amount, an unknown currency or an expiry in the past is a 422 naming the field.
   */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.CreditsWrite)
  async grant(
    @Principal() principal: RequestPrincipal,
    @Param('customerId', uuid) customerId: string,
    @Body() body: GrantCreditDto,
  ): Promise<CreditGrantResponse> {
    const orgId = principal.orgId!;
    await this.reads.assertCustomer(orgId, customerId);
    const { grantId } = await this.credits.grant(orgId, {
      ...body,
      customerId,
      source: body.source ?? 'manual',
      expiresAt: body.expiresAt === undefined ? null : new Date(body.expiresAt),
      grantedBy: principal.id,
    });
    return this.reads.getGrant(orgId, grantId);
  }

  /** The customer's grants, newest first; filters combine with AND. */
  @Get()
  @RequirePermission(Permission.CreditsRead)
  list(
    @Principal() principal: RequestPrincipal,
    @Param('customerId', uuid) customerId: string,
    @Query() query: CreditGrantQuery,
  ): Promise<CreditGrantPageResponse> {
    return this.reads.listGrants(principal.orgId!, customerId, query);
  }

  /** Spendable credit per currency and the next expiry. */
  @Get('balance')
  @RequirePermission(Permission.CreditsRead)
  balance(
    @Principal() principal: RequestPrincipal,
    @Param('customerId', uuid) customerId: string,
  ): Promise<CreditBalanceResponse> {
    return this.reads.balance(principal.orgId!, customerId);
  }

  /** Grants, applications to invoices, restorations, expiries and voids, newest first. */
  @Get('history')
  @RequirePermission(Permission.CreditsRead)
  history(
    @Principal() principal: RequestPrincipal,
    @Param('customerId', uuid) customerId: string,
    @Query() query: CreditHistoryQuery,
  ): Promise<CreditHistoryPageResponse> {
    return this.reads.history(principal.orgId!, customerId, query);
  }
}
