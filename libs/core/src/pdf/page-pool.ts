import type { Browser, HTTPRequest, Page } from 'puppeteer';

/** A page of the pool: the browser generation it belongs to and how many documents it has rendered. */
export interface PooledPage {
  page: Page;
  generation: number;
  renders: number;
}

/** Every request a document makes is refused, except the `data:` URIs it carries itself (logo, fonts). */
function allowDataUrisOnly(request: HTTPRequest): void {
  if (request.isInterceptResolutionHandled()) return;
  if (request.url().startsWith('data:')) void request.continue();
  else void request.abort('blockedbyclient');
}

/** A page that can neither run a template's scripts nor fetch anything. */
export async function lockedDownPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', allowDataUrisOnly);
  return page;
}

/**
 * At most `size` pages at once: `acquire` waits for a free slot. Idle pages are reused until they have
 * rendered `recycleAfter` documents (Chromium pages grow with use) or belong to a browser that died.
 */
export class PagePool {
  private readonly idle: PooledPage[] = [];
  private readonly waiting: (() => void)[] = [];
  private busy = 0;

  constructor(
    readonly size: number,
    private readonly recycleAfter: number,
  ) {}

  async acquire(generation: number, open: () => Promise<PooledPage>): Promise<PooledPage> {
    // A released slot is handed straight to the first waiter, so `busy` never exceeds `size`.
    if (this.busy >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.busy++;
    try {
      for (let pooled = this.idle.pop(); pooled; pooled = this.idle.pop()) {
        if (pooled.generation === generation && !pooled.page.isClosed()) return pooled;
        discard(pooled);
      }
      return await open();
    } catch (error) {
      this.freeSlot();
      throw error;
    }
  }

  /** Gives the page back; a broken, worn-out or stale one is closed instead. */
  release(pooled: PooledPage, healthy: boolean, generation: number): void {
    pooled.renders++;
    const reusable =
      healthy &&
      pooled.renders < this.recycleAfter &&
      pooled.generation === generation &&
      !pooled.page.isClosed();
    if (reusable) this.idle.push(pooled);
    else discard(pooled);
    this.freeSlot();
  }

  /** Forgets every idle page (their browser is closing or gone). */
  clear(): void {
    this.idle.splice(0).forEach(discard);
  }

  private freeSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy--;
  }
}

/** Closing a hung or dead page must not block the caller nor throw. */
function discard(pooled: PooledPage): void {
  if (!pooled.page.isClosed()) pooled.page.close().catch(() => undefined);
}
