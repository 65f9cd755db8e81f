import { execFileSync } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { pdfText } from '../../../../test/kit/pdf-text';
import { AppConfig } from '../config/app-config';
import { PdfRenderer } from './pdf-renderer';
import { PdfRenderTimeoutError } from './pdf-render-errors';

const rendererWith = (overrides: Partial<AppConfig>): PdfRenderer =>
  new PdfRenderer(Object.assign(new AppConfig(), { PDF_PAGE_POOL_SIZE: 2, ...overrides }));

/** The Chromium processes started by this process (the renderer's browser). */
const chromiumChildren = (): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

describe('PdfRenderer (real Chromium)', () => {
  let renderer: PdfRenderer;
  let server: Server;
  let hits: string[];
  let port: number;

  beforeAll(async () => {
    hits = [];
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    renderer = rendererWith({ PDF_PAGE_RECYCLE_AFTER: 2 });
  });

  afterAll(async () => {
    await renderer.onApplicationShutdown();
    await new Promise((resolve) => server.close(resolve));
  });

  it('renders neither a script nor an external image: no code runs, no request leaves', async () => {
    const html = `<html><body><p id="p">Template body</p>
      <script>document.getElementById('p').textContent = 'SCRIPT RAN'; fetch('http://127.0.0.1:${port}/fetch');</script>
      <img src="http://127.0.0.1:${port}/x"><link rel="stylesheet" href="http://127.0.0.1:${port}/css">
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      </body></html>`;
    const { text } = await pdfText(await renderer.render(html, { paperSize: 'A4' }));
    expect(text).toContain('Template body');
    expect(text).not.toContain('SCRIPT RAN');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hits).toEqual([]);
  });

  it('prints the "page x of y" footer and A4 or Letter', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `<p>row ${i}</p>`).join('');
    const footerTemplate =
      '<div style="font-size:8px">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>';
    const a4 = await renderer.render(`<html><body>${rows}</body></html>`, {
      paperSize: 'A4',
      footerTemplate,
    });
    const { pages } = await pdfText(a4);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    const letter = await renderer.render('<p>Letter</p>', { paperSize: 'Letter' });
    expect(letter.toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
    expect(a4.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.\d+ 841\.\d+\]/);
  });

  it('survives a killed browser: the next render relaunches it', async () => {
    await renderer.render('<p>before</p>', { paperSize: 'A4' });
    const before = chromiumChildren();
    expect(before.length).toBeGreaterThan(0);
    for (const pid of before) process.kill(pid, 'SIGKILL');
    const { text } = await pdfText(await renderer.render('<p>after the crash</p>', { paperSize: 'A4' }));
    expect(text).toContain('after the crash');
    expect(chromiumChildren().some((pid) => !before.includes(pid))).toBe(true);
  });

  it('renders many documents at once through the bounded, recycled page pool', async () => {
    const pdfs = await Promise.all(
      Array.from({ length: 7 }, (_, i) => renderer.render(`<p>document ${i}</p>`, { paperSize: 'A4' })),
    );
    const texts = await Promise.all(pdfs.map(async (pdf) => (await pdfText(pdf)).text));
    texts.forEach((text, i) => expect(text).toContain(`document ${i}`));
  });

  it('stops a render that takes longer than PDF_RENDER_TIMEOUT_MS, and keeps working', async () => {
    const slow = rendererWith({ PDF_RENDER_TIMEOUT_MS: 100 });
    try {
      await slow.render('<p>warm-up</p>', { paperSize: 'A4' }).catch(() => undefined);
      const rows = Array.from({ length: 20_000 }, (_, i) => `<tr><td>row ${i}</td><td>${i}</td></tr>`).join(
        '',
      );
      await expect(slow.render(`<table>${rows}</table>`, { paperSize: 'A4' })).rejects.toBeInstanceOf(
        PdfRenderTimeoutError,
      );
      const { text } = await pdfText(await slow.render('<p>still alive</p>', { paperSize: 'A4' }));
      expect(text).toContain('still alive');
    } finally {
      await slow.onApplicationShutdown();
    }
  });
});
