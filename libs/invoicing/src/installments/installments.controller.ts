import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreateDepositDto, CreateInstallmentPlanDto } from './dto/installments.dto';
import { DepositResponse, InstallmentPlanResponse } from './dto/installments.response';
import { InvoiceDepositsService } from './invoice-deposits.service';
import { InvoiceInstallmentsService } from './invoice-installments.service';

@ApiTags('invoices')
@ApiBearerAuth('bearer')
@Controller('invoices')
export class InstallmentsController {
  constructor(
    private readonly installments: InvoiceInstallmentsService,
    private readonly deposits: InvoiceDepositsService,
  ) {}

  /**
   * Splits a draft, or an open invoice without payments, into dated installments summing exactly to what it
   * owes (422 `installments_sum_mismatch` otherwise); 409 when it already has a plan.
   */
  @Post(':id/installments')
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  createPlan(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: CreateInstallmentPlanDto,
  ): Promise<InstallmentPlanResponse> {
    return this.installments.create(p.orgId!, id, body);
  }

  /** In sequence order, with what is paid and overdue of each; empty without a plan. */
  @Get(':id/installments')
  @RequirePermission(Permission.InvoicesRead)
  getPlan(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<InstallmentPlanResponse> {
    return this.installments.list(p.orgId!, id);
  }

  /** While nothing was paid on it (409 `installment_plan_has_payments` otherwise). */
  @Delete(':id/installments')
  @HttpCode(204)
  @RequirePermission(Permission.InvoicesWrite)
  deletePlan(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<void> {
    return this.installments.delete(p.orgId!, id);
  }

  /** Creates and finalizes a deposit invoice for `percent` of a draft; deducted from the draft once paid. */
  @Post(':id/deposit')
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  createDeposit(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: CreateDepositDto,
  ): Promise<DepositResponse> {
    return this.deposits.create(p.orgId!, id, body.percent);
  }

  @Get(':id/deposit')
  @RequirePermission(Permission.InvoicesRead)
  getDeposit(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<DepositResponse> {
    return this.deposits.get(p.orgId!, id);
  }
}
