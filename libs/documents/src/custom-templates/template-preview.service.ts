import { Injectable } from '@nestjs/common';
import type { PdfFile } from '../invoice-documents.service';
import { DocumentContextService } from '../render/document-context.service';
import { DocumentPdfRenderer } from '../render/document-pdf.renderer';
import { SAMPLE_BUYER, sampleView } from '../render/sample-view';
import { DocumentTemplatesService } from './document-templates.service';

/** A template version rendered with the sample data and the org's own branding, as a PDF. */
@Injectable()
export class TemplatePreviewService {
  constructor(
    private readonly templates: DocumentTemplatesService,
    private readonly context: DocumentContextService,
    private readonly pdf: DocumentPdfRenderer,
  ) {}

  async preview(orgId: string, templateId: string): Promise<PdfFile> {
    const [template, details] = await Promise.all([
      this.templates.get(orgId, templateId),
      this.templates.resolve(orgId, templateId),
    ]);
    const context = await this.context.load(orgId, SAMPLE_BUYER);
    const content = await this.pdf.render(
      sampleView(template.kind, context),
      details.compiled,
      context.branding.paperSize,
    );
    return { filename: `template-${template.kind}-v${template.version}-preview.pdf`, content };
  }
}
