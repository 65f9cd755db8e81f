import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreditNoteReadsService } from './credit-note-reads.service';
import { CreditNotesService } from './credit-notes.service';
import { CreateCreditNoteDto, CreditNoteQuery } from './dto/credit-note.dto';
import { CreditNoteDetailResponse, CreditNotePageResponse } from './dto/credit-note.response';

@ApiTags('credit-notes')
@ApiBearerAuth('bearer')
@Controller('credit-notes')
export class CreditNotesController {
  constructor(private readonly reads: CreditNoteReadsService) {}

  /** Newest first; filter by `invoiceId`, `customerId`. */
  @Get()
  @RequirePermission(Permission.InvoicesRead)
  list(@Principal() p: RequestPrincipal, @Query() query: CreditNoteQuery): Promise<CreditNotePageResponse> {
    return this.reads.list(p.orgId!, query);
  }

  /** With its lines. */
  @Get(':id')
  @RequirePermission(Permission.InvoicesRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<CreditNoteDetailResponse> {
    return this.reads.get(p.orgId!, id);
  }
}

@ApiTags('credit-notes')
@ApiBearerAuth('bearer')
@Controller('invoices/:invoiceId/credit-notes')
export class InvoiceCreditNotesController {
  constructor(
    private readonly creditNotes: CreditNotesService,
    private readonly reads: CreditNoteReadsService,
  ) {}

  /**
   * Credits chosen lines or a lump sum of an open or paid invoice (409 `invalid_invoice_transition`
   * otherwise); never more than is creditable (422 `credit_note_exceeds_creditable`).
   */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  create(
    @Principal() p: RequestPrincipal,
    @Param('invoiceId') invoiceId: string,
    @Body() body: CreateCreditNoteDto,
  ): Promise<CreditNoteDetailResponse> {
    return this.creditNotes.create(p.orgId!, invoiceId, { ...body, issuedBy: p.id });
  }

  @Get()
  @RequirePermission(Permission.InvoicesRead)
  list(
    @Principal() p: RequestPrincipal,
    @Param('invoiceId') invoiceId: string,
    @Query() query: CreditNoteQuery,
  ): Promise<CreditNotePageResponse> {
    return this.reads.listForInvoice(p.orgId!, invoiceId, query);
  }
}
