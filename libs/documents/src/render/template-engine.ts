import Handlebars from 'handlebars';
import { templateRenderFailed, templateSyntaxError } from '../documents.errors';
import type { TemplateSource } from '../templates/default-templates';
import type { DocumentView } from './document-view';

/** A Handlebars environment of our own: no helpers or partials beyond the built-ins, none registered later. */
const handlebars = Handlebars.create();

/** Templates read plain data only: no prototype properties or methods (Handlebars' sandbox). */
const RUNTIME: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

export interface CompiledTemplate {
  /** The whole HTML document for the renderer. */
  render(view: DocumentView): string;
}

interface HandlebarsError extends Error {
  lineNumber?: number;
}

function lineOf(error: HandlebarsError): number | null {
  if (typeof error.lineNumber === 'number') return error.lineNumber;
  const match = /line (\d+)/.exec(error.message);
  return match ? Number(match[1]) : null;
}

/** Handlebars' message without its ASCII drawing of the spot: what it expected, or the first line. */
function summary(message: string): string {
  const lines = message.split('\n');
  return /^Parse error on line \d+/.test(lines[0]) ? lines[lines.length - 1] : lines[0];
}

function compileOne(field: 'html' | 'css', source: string): Handlebars.TemplateDelegate<DocumentView> {
  try {
    handlebars.parse(source);
  } catch (error) {
    const e = error as HandlebarsError;
    throw templateSyntaxError(field, lineOf(e), summary(e.message));
  }
  return handlebars.compile<DocumentView>(source, { strict: false });
}

/** Compiles a template (422 `template_syntax_error` with the line when it does not parse). */
export function compileTemplate(source: TemplateSource): CompiledTemplate {
  const body = compileOne('html', source.html);
  const css = compileOne('css', source.css);
  return {
    render: (view) => {
      try {
        return document(view.locale, css(view, RUNTIME), body(view, RUNTIME));
      } catch (error) {
        throw templateRenderFailed((error as Error).message.split('\n')[0]);
      }
    },
  };
}

const document = (locale: string, css: string, body: string): string =>
  `<!doctype html><html lang="${Handlebars.escapeExpression(locale)}"><head><meta charset="utf-8">` +
  `<style>${css}</style></head><body>${body}</body></html>`;

/**
 * Chromium's footer (printed outside the page, on every page): the org's footer line and "Page x of y".
 * Chromium's footer has no default font size: it must be set inline.
 */
export function footerTemplate(footer: string): string {
  const style =
    'width:100%;margin:0 14mm;font-size:7.5pt;color:#6b7280;font-family:sans-serif;' +
    'display:flex;justify-content:space-between;';
  return (
    `<div style="${style}"><span>${Handlebars.escapeExpression(footer)}</span>` +
    '<span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>'
  );
}
