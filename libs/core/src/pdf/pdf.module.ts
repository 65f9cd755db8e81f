import { Module } from '@nestjs/common';
import { PdfRenderer } from './pdf-renderer';

/** The Chromium PDF renderer (one per process; Chromium starts on the first render). */
@Module({
  providers: [PdfRenderer],
  exports: [PdfRenderer],
})
export class PdfModule {}
