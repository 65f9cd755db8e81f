import { AppError } from '@app/core';
import { DEFAULT_TEMPLATES } from '../templates/default-templates';
import type { DocumentView } from './document-view';
import { compileTemplate } from './template-engine';

const failure = (work: () => unknown): AppError => {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('no error');
};

const view = { number: 'INV-1', locale: 'en-US', lines: [] } as unknown as DocumentView;

describe('compileTemplate', () => {
  it('names the line of a syntax error (422 template_syntax_error)', () => {
    const error = failure(() =>
      compileTemplate({ html: '<h1>{{number}}</h1>\n<p>\n{{#each lines}\n</p>', css: '' }),
    );
    expect(error).toMatchObject({ status: 422, code: 'template_syntax_error' });
    expect(error.errors?.[0]).toMatchObject({ field: 'html', message: expect.stringMatching(/^line 3\b/) });
    const mismatched = failure(() => compileTemplate({ html: 'a\nb\n{{#if x}}\n{{/each}}', css: '' }));
    expect(mismatched.errors?.[0]).toMatchObject({
      field: 'html',
      message: expect.stringMatching(/^line 3\b/),
    });
    const css = failure(() =>
      compileTemplate({ html: '<p></p>', css: 'p {\n color: {{branding.accentColor }\n}' }),
    );
    expect(css.errors?.[0]).toMatchObject({ field: 'css', message: expect.stringMatching(/^line 2\b/) });
  });

  it('gives templates no prototype access and no unknown helpers or partials', () => {
    const proto = compileTemplate({ html: '[{{constructor.name}}][{{number.constructor}}]', css: '' });
    expect(proto.render(view)).toContain('[][]');
    for (const html of ['{{> secret}}', '{{lookup}}{{#unknownHelper}}x{{/unknownHelper}}']) {
      expect(failure(() => compileTemplate({ html, css: '' }).render(view))).toMatchObject({
        status: 422,
        code: 'template_render_failed',
      });
    }
  });

  it('wraps the body and the CSS into one HTML document and escapes data', () => {
    const html = compileTemplate({ html: '<p>{{number}}</p>', css: 'p { color: red }' }).render({
      ...view,
      number: '<b>1</b>',
    });
    expect(html).toMatch(/^<!doctype html><html lang="en-US">.*<style>p \{ color: red \}<\/style>/);
    expect(html).toContain('<p>&lt;b&gt;1&lt;/b&gt;</p>');
  });

  it('compiles the built-in templates', () => {
    expect(() => compileTemplate(DEFAULT_TEMPLATES.invoice)).not.toThrow();
    expect(() => compileTemplate(DEFAULT_TEMPLATES.credit_note)).not.toThrow();
  });
});
