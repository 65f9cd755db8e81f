import { Readable, pipeline } from 'node:stream';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import { AuditService, Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreateCustomerDto, UpdateCustomerDto } from '../dto/customer.dto';
import { CustomerFilter, CustomerQuery } from '../dto/customer-query.dto';
import { CustomerPageResponse, CustomerResponse } from '../dto/customer.response';
import { CustomersService } from '../services/customers.service';
import { CUSTOMER_CSV_COLUMNS, toCustomerCsvRecord } from './customers-csv';

const uuid = new ParseUUIDPipe();

@ApiTags('customers')
@ApiBearerAuth('bearer')
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomersService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.CustomersWrite)
  create(
    @Principal() principal: RequestPrincipal,
    @Body() body: CreateCustomerDto,
  ): Promise<CustomerResponse> {
    return this.customers.create(principal.orgId!, body);
  }

  /** Customers of the organisation, newest first, filtered and cursor-paginated. */
  @Get()
  @RequirePermission(Permission.CustomersRead)
  list(
    @Principal() principal: RequestPrincipal,
    @Query() query: CustomerQuery,
  ): Promise<CustomerPageResponse> {
    return this.customers.list(principal.orgId!, query, query);
  }

  /** The same customers as CSV (header row first), streamed; the export is recorded in the audit log. */
  @Get('export.csv')
  @RequirePermission(Permission.CustomersRead)
  @ApiProduces('text/csv')
  async export(
    @Principal() principal: RequestPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() filter: CustomerFilter,
  ): Promise<StreamableFile> {
    const orgId = principal.orgId!;
    this.customers.assertFilter(filter);
    await this.audit.record({
      orgId,
      actor: principal,
      action: 'customer.exported',
      target: { type: 'customer' },
    });
    const rows = this.customers.stream(orgId, filter);
    const csv = stringify({ header: true, columns: CUSTOMER_CSV_COLUMNS });
    // pipeline, not pipe: a database error half-way destroys the response instead of ending it as if the
    // file were complete.
    pipeline(
      Readable.from(
        (async function* () {
          for await (const row of rows) yield toCustomerCsvRecord(row);
        })(),
      ),
      csv,
      () => undefined,
    );
    void reply.type('text/csv; charset=utf-8');
    return new StreamableFile(csv, { disposition: 'attachment; filename="customers.csv"' });
  }

  @Get(':id')
  @RequirePermission(Permission.CustomersRead)
  get(@Principal() principal: RequestPrincipal, @Param('id', uuid) id: string): Promise<CustomerResponse> {
    return this.customers.get(principal.orgId!, id);
  }

  /** Changes only the fields present; `null` clears a nullable field. Refused (409) while archived. */
  @Patch(':id')
  @RequirePermission(Permission.CustomersWrite)
  update(
    @Principal() principal: RequestPrincipal,
    @Param('id', uuid) id: string,
    @Body() body: UpdateCustomerDto,
  ): Promise<CustomerResponse> {
    return this.customers.update(principal.orgId!, id, body);
  }

  /** Archived customers stay readable and keep their history; nothing new can be billed to them. */
  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission(Permission.CustomersWrite)
  archive(
    @Principal() principal: RequestPrincipal,
    @Param('id', uuid) id: string,
  ): Promise<CustomerResponse> {
    return this.customers.archive(principal.orgId!, id);
  }

  @Post(':id/unarchive')
  @HttpCode(200)
  @RequirePermission(Permission.CustomersWrite)
  unarchive(
    @Principal() principal: RequestPrincipal,
    @Param('id', uuid) id: string,
  ): Promise<CustomerResponse> {
    return this.customers.unarchive(principal.orgId!, id);
  }

  /** Only for a customer that was never invoiced (409 `customer_invoiced` otherwise: archive it). */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.CustomersWrite)
  async delete(@Principal() principal: RequestPrincipal, @Param('id', uuid) id: string): Promise<void> {
    await this.customers.delete(principal.orgId!, id);
  }
}
