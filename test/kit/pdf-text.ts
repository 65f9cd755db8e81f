import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface PdfText {
  /** The whole document's text. */
  text: string;
  /** Each page's text, in order. */
  pages: string[];
}

/**
 * pdf-parse (pdf.js) sets up its worker with a dynamic import, which jest's module system cannot do: the
 * text is extracted by a plain Node process instead, reading the PDF from stdin.
 */
const EXTRACT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const result = await parser.getText();
  await parser.destroy();
  process.stdout.write(JSON.stringify({ text: result.text, pages: result.pages.map((p) => p.text) }));
});`;

/** The text of a PDF, as a PDF reader extracts it (the tests' independent check of what was rendered). */
export function pdfText(data: Buffer | Uint8Array): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', EXTRACT],
      { cwd: join(__dirname, '..', '..'), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdf text extraction failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as PdfText);
      },
    );
    child.stdin?.end(Buffer.from(data));
  });
}
