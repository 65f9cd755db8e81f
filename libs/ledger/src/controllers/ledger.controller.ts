import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { JournalQuery, StatementQuery, TrialBalanceQuery } from '../dto/ledger-query.dto';
import {
  CustomerStatementResponse,
  JournalPageResponse,
  LedgerAccountListResponse,
  TrialBalanceResponse,
} from '../dto/ledger.response';
import { LedgerReportsService } from '../services/ledger-reports.service';

@ApiTags('ledger')
@ApiBearerAuth('bearer')
@Controller()
export class LedgerController {
  constructor(private readonly reports: LedgerReportsService) {}

  /** The chart of accounts (created on the org's first posting) with balances per currency. */
  @Get('ledger/accounts')
  @RequirePermission(Permission.ReportsRead)
  async accounts(@Principal() principal: RequestPrincipal): Promise<LedgerAccountListResponse> {
    return { data: await this.reports.accounts(principal.orgId!) };
  }

  /** Per account: opening balance, debits, credits and closing balance over [from, to), per currency. */
  @Get('ledger/trial-balance')
  @RequirePermission(Permission.ReportsRead)
  trialBalance(
    @Principal() principal: RequestPrincipal,
    @Query() query: TrialBalanceQuery,
  ): Promise<TrialBalanceResponse> {
    return this.reports.trialBalance(principal.orgId!, query);
  }

  /** Journals newest first with their lines, by source, kind or customer. */
  @Get('ledger/journals')
  @RequirePermission(Permission.ReportsRead)
  journals(
    @Principal() principal: RequestPrincipal,
    @Query() query: JournalQuery,
  ): Promise<JournalPageResponse> {
    return this.reports.journals(principal.orgId!, query);
  }

  /** The customer's receivables and credit movements with a running balance, in one currency. */
  @Get('customers/:customerId/statement')
  @RequirePermission(Permission.InvoicesRead)
  statement(
    @Principal() principal: RequestPrincipal,
    @Param('customerId') customerId: string,
    @Query() query: StatementQuery,
  ): Promise<CustomerStatementResponse> {
    return this.reports.customerStatement(principal.orgId!, customerId, query);
  }
}
