import { Module } from '@nestjs/common';
import { InvoicingModule } from '../invoicing.module';
import { InvoiceBulkController } from './invoice-bulk.controller';
import { InvoiceBulkJobs } from './invoice-bulk.jobs';
import { InvoiceBulkRunner } from './invoice-bulk.runner';
import { InvoiceBulkService } from './invoice-bulk.service';

/** Bulk operations on invoices (finalize, send, void, mark uncollectible), run as a job with progress. */
@Module({
  imports: [InvoicingModule],
  controllers: [InvoiceBulkController],
  providers: [InvoiceBulkService, InvoiceBulkRunner, InvoiceBulkJobs],
  exports: [InvoiceBulkService],
})
export class InvoiceBulkModule {}
