import { Injectable, Logger } from '@nestjs/common';
import { PdfRenderer } from '@app/core';
import type { PaperSize } from '../branding.service';
import { pdfRenderFailed } from '../documents.errors';
import type { DocumentView } from './document-view';
import type { CompiledTemplate } from './template-engine';
import { footerTemplate } from './template-engine';

/** A document view through a template to PDF bytes, on the org's paper, with the "page x of y" footer. */
@Injectable()
export class DocumentPdfRenderer {
  private readonly logger = new Logger(DocumentPdfRenderer.name);

  constructor(private readonly renderer: PdfRenderer) {}

  async render(view: DocumentView, template: CompiledTemplate, paperSize: PaperSize): Promise<Buffer> {
    const html = template.render(view);
    try {
      return await this.renderer.render(html, {
        paperSize,
        footerTemplate: footerTemplate(view.branding.footer),
      });
    } catch (error) {
      this.logger.error(`Rendering ${view.kind} ${view.number} failed: ${String(error)}`);
      throw pdfRenderFailed();
    }
  }
}
