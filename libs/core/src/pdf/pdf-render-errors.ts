/** A render that took longer than PDF_RENDER_TIMEOUT_MS; its page was closed so nothing keeps running. */
export class PdfRenderTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`PDF rendering took longer than ${timeoutMs} ms`);
    this.name = 'PdfRenderTimeoutError';
  }
}
