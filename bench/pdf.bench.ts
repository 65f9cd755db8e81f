// N invoice PDFs through the real pipeline (InvoiceDocumentsService.invoicePdf: load the invoice, the org and
// its settings, apply the template, render with the pooled Chromium renderer, store in Postgres) against the
// ceiling measured in the same run: raw `page.setContent` + `page.pdf()` of the very same HTML on as many
// plain pages of a browser of its own. Both run as many documents at once as the renderer has pages
// (PDF_PAGE_POOL_SIZE, 0 = CPU cores). Own database (billing_bench_pdf, dropped afterwards), own Redis
// prefix, no worker (nothing else renders). BENCH_PDF_COUNT=200 sets N; invoices have 40 lines (two pages).
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import puppeteer from 'puppeteer';
import { DemoAccountService } from '@app/auth';
import { PdfRenderer, chromiumLaunchOptions, loadConfig } from '@app/core';
import { CustomersService } from '@app/customers';
import { InvoiceDocumentsService } from '@app/documents';
import { InvoicesService } from '@app/invoicing';
import { DocumentContextService } from '../libs/documents/src/render/document-context.service';
import type { BuyerInput } from '../libs/documents/src/render/document-context';
import { DocumentTemplatesService } from '../libs/documents/src/custom-templates/document-templates.service';
import { invoiceView } from '../libs/documents/src/render/invoice-view';
import { footerTemplate } from '../libs/documents/src/render/template-engine';
import { detail, fmt, openSandbox, ratio, result, runBench, timed } from './bench-kit';

const COUNT = Number(process.env.BENCH_PDF_COUNT ?? 200);
const LINES = 40;
const WARM_UP = 6;
const GOAL_RATIO = 0.8;
const GOAL_P95_MS = 250;
const BENCH_DATABASE = 'billing_bench_pdf';

/** Runs `work` over the items with `limit` at once; returns each item's latency in ms. */
async function inParallel<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const start = process.hrtime.bigint();
        await work(item);
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }),
  );
  return latencies;
}

const p95 = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];

async function seedInvoices(app: INestApplication, orgId: string, count: number): Promise<string[]> {
  const customer = await app.get(CustomersService).create(orgId, {
    externalId: 'bench-pdf',
    name: 'Bench Kunde GmbH',
    legalName: 'Bench Kunde GmbH',
    billingEmails: ['billing@bench.example'],
    currency: 'EUR',
    locale: 'de-DE',
    billingAddress: { line1: 'Benchstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
  });
  const invoices = app.get(InvoicesService);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const invoice = await invoices.createFinalized(orgId, {
      customerId: customer.id,
      memo: 'Vielen Dank für Ihren Auftrag.',
      lines: Array.from({ length: LINES }, (_, l) => ({
        kind: 'one_off' as const,
        description: `Leistung ${l + 1} der Rechnung ${i + 1}`,
        quantity: String(1 + (l % 5)),
        unitAmount: `${10 + l}.50`,
      })),
    });
    ids.push(invoice.id);
  }
  return ids;
}

/** The HTML the pipeline renders for each invoice, built by the same code (for the raw ceiling). */
async function htmlOf(app: INestApplication, orgId: string, ids: string[]) {
  const invoices = app.get(InvoicesService);
  const context = app.get(DocumentContextService);
  const template = await app.get(DocumentTemplatesService).current(orgId, 'invoice');
  return Promise.all(
    ids.map(async (id) => {
      const invoice = await invoices.get(orgId, id);
      const view = invoiceView(invoice, await context.load(orgId, invoice.customerSnapshot as BuyerInput));
      return { html: template.compiled.render(view), footer: footerTemplate(view.branding.footer) };
    }),
  );
}

async function rawPdfs(documents: { html: string; footer: string }[], pages: number): Promise<number[]> {
  const config = loadConfig();
  const browser = await puppeteer.launch(chromiumLaunchOptions(config.PUPPETEER_EXECUTABLE_PATH, 30_000));
  try {
    const idle = await Promise.all(Array.from({ length: pages }, () => browser.newPage()));
    const render = async ({ html, footer }: { html: string; footer: string }) => {
      const page = idle.pop()!;
      try {
        await page.setContent(html, { waitUntil: 'load' });
        await page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footer,
          margin: { top: '14mm', right: '14mm', left: '14mm', bottom: '18mm' },
        });
      } finally {
        idle.push(page);
      }
    };
    await inParallel(documents.slice(0, WARM_UP), pages, render);
    return await inParallel(documents, pages, render);
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const sandbox = await openSandbox(BENCH_DATABASE, 'bench');
  let app: INestApplication | undefined;
  try {
    const { createApiApp } = await import('../apps/api/src/create-api-app');
    const { ApiModule } = await import('../apps/api/src/api.module');
    app = await createApiApp(ApiModule);
    const { orgId } = await app.get(DemoAccountService).ensure({
      email: 'bench-pdf@bench.example',
      password: 'bench pdf password 2026',
      name: 'Bench',
      organizationName: 'Bench PDF GmbH',
    });
    const pages = app.get(PdfRenderer).concurrency;
    const seeded = await timed(() => seedInvoices(app!, orgId, COUNT + WARM_UP));
    const warmUp = seeded.value.slice(0, WARM_UP);
    const ids = seeded.value.slice(WARM_UP);
    detail(
      `${fmt(COUNT + WARM_UP)} finalized invoices of ${LINES} lines seeded in ${seeded.seconds.toFixed(1)} s`,
    );
    console.log(`pdf: ${fmt(COUNT)} invoice PDFs (${LINES} lines, de-DE, two pages), ${pages} at once`);

    const documents = await htmlOf(app, orgId, ids);
    const raw = await timed(() => rawPdfs(documents, pages));
    const rawPerSecond = COUNT / raw.seconds;
    detail(
      `raw page.pdf(): ${raw.seconds.toFixed(2)} s, ${fmt(rawPerSecond, 1)} PDFs/s, p95 ${fmt(p95(raw.value))} ms`,
    );

    const service = app.get(InvoiceDocumentsService);
    await inParallel(warmUp, pages, (id) => service.invoicePdf(orgId, id));
    const pipeline = await timed(() => inParallel(ids, pages, (id) => service.invoicePdf(orgId, id)));
    const perSecond = COUNT / pipeline.seconds;
    const pipelineP95 = p95(pipeline.value);
    detail(`pipeline: ${pipeline.seconds.toFixed(2)} s, ${fmt(perSecond, 1)} PDFs/s`);

    const ratioValue = perSecond / rawPerSecond;
    result(
      `pdf ${fmt(COUNT)}: pipeline ${fmt(perSecond, 1)} PDFs/s, raw page.pdf() ${fmt(rawPerSecond, 1)} PDFs/s, ` +
        `ratio ${ratio(perSecond, rawPerSecond)} (goal ≥ ${GOAL_RATIO} ${ratioValue >= GOAL_RATIO ? 'met' : 'MISSED'}), ` +
        `p95 ${fmt(pipelineP95)} ms per invoice (goal ≤ ${GOAL_P95_MS} ms ${pipelineP95 <= GOAL_P95_MS ? 'met' : 'MISSED'})`,
    );
  } finally {
    await app?.close();
    await sandbox.cleanUp();
  }
}

runBench('pdf', main);
