import { availableParallelism } from 'node:os';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import puppeteer, { Browser, PDFOptions } from 'puppeteer';
import { AppConfig } from '../config/app-config';
import { chromiumLaunchOptions } from './chromium-launch';
import { PagePool, PooledPage, lockedDownPage } from './page-pool';
import { PdfRenderTimeoutError } from './pdf-render-errors';

export type PdfPaperSize = 'A4' | 'Letter';

export interface PdfRenderOptions {
  paperSize: PdfPaperSize;
  /**
   * Chromium's footer template, printed on every page: elements with the classes `pageNumber` and
   * `totalPages` receive the numbers ("page x of y"). It is rendered apart from the page: inline styles only.
   */
  footerTemplate?: string;
  /** CSS lengths; 14 mm on every side (18 mm at the bottom with a footer) by default. */
  margin?: PDFOptions['margin'];
}

/**
 * HTML to PDF with Chromium. One browser per process, launched on the first render (an API process that
 * never renders never starts it) and relaunched when it dies; a pool of at most PDF_PAGE_POOL_SIZE pages
 * (0 = one per CPU core), each recycled after PDF_PAGE_RECYCLE_AFTER renders; every render bounded by
 * PDF_RENDER_TIMEOUT_MS. Pages run no JavaScript and fetch nothing but `data:` URIs, so a template can
 * neither run code, reach the network nor hang the process.
 */
@Injectable()
export class PdfRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger(PdfRenderer.name);
  private readonly pool: PagePool;
  private readonly timeoutMs: number;
  private browser: Promise<Browser> | null = null;
  private generation = 0;
  private closing = false;

  constructor(private readonly config: AppConfig) {
    this.pool = new PagePool(
      config.PDF_PAGE_POOL_SIZE > 0 ? config.PDF_PAGE_POOL_SIZE : availableParallelism(),
      config.PDF_PAGE_RECYCLE_AFTER,
    );
    this.timeoutMs = config.PDF_RENDER_TIMEOUT_MS;
  }

  /** Pages rendering at once in this process. */
  get concurrency(): number {
    return this.pool.size;
  }

  async render(html: string, options: PdfRenderOptions): Promise<Buffer> {
    try {
      return await this.renderOnce(html, options);
    } catch (error) {
      // A browser that died under this render (crash, OOM kill) is relaunched; the render gets one more go.
      if (error instanceof PdfRenderTimeoutError || this.closing || (await this.browserAlive())) throw error;
      this.logger.warn(`Chromium died during a render; relaunching (${String(error)})`);
      return this.renderOnce(html, options);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.pool.clear();
    const browser = await this.browser?.catch(() => null);
    this.browser = null;
    await browser?.close().catch(() => undefined);
  }

  private async renderOnce(html: string, options: PdfRenderOptions): Promise<Buffer> {
    const generation = this.generation;
    const pooled = await this.pool.acquire(generation, () => this.openPage());
    let healthy = false;
    try {
      const pdf = await this.withTimeout(async () => {
        await pooled.page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
        return pooled.page.pdf(this.pdfOptions(options));
      });
      healthy = true;
      return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      this.pool.release(pooled, healthy, this.generation);
    }
  }

  private pdfOptions({ paperSize, footerTemplate, margin }: PdfRenderOptions): PDFOptions {
    const side = '14mm';
    return {
      format: paperSize,
      printBackground: true,
      displayHeaderFooter: footerTemplate !== undefined,
      headerTemplate: '<span></span>',
      footerTemplate: footerTemplate ?? '<span></span>',
      margin: margin ?? { top: side, right: side, left: side, bottom: footerTemplate ? '18mm' : side },
      timeout: this.timeoutMs,
    };
  }

  private async withTimeout<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PdfRenderTimeoutError(this.timeoutMs)), this.timeoutMs);
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async openPage(): Promise<PooledPage> {
    const generation = this.generation;
    const page = await lockedDownPage(await this.launched());
    return { page, generation, renders: 0 };
  }

  private launched(): Promise<Browser> {
    if (this.closing) return Promise.reject(new Error('The PDF renderer is shut down'));
    if (!this.browser) {
      const launching = puppeteer.launch(
        chromiumLaunchOptions(this.config.PUPPETEER_EXECUTABLE_PATH, Math.max(this.timeoutMs, 30_000)),
      );
      this.browser = launching;
      launching.then(
        (browser) => browser.once('disconnected', () => this.forget(launching)),
        () => this.forget(launching),
      );
    }
    return this.browser;
  }

  /** The browser is gone (or never started): the next render launches a new one, with new pages. */
  private forget(browser: Promise<Browser>): void {
    if (this.browser !== browser) return;
    this.browser = null;
    this.generation++;
    this.pool.clear();
  }

  private async browserAlive(): Promise<boolean> {
    const browser = await this.browser?.catch(() => null);
    return browser?.connected ?? false;
  }
}
