import Handlebars from 'handlebars';

/** A Handlebars email: the subject, the HTML body (wrapped in the layout) and the plain-text part. */
export interface MailTemplate<Context extends object = Record<string, unknown>> {
  name: string;
  subject: string;
  html: string;
  text: string;
  /** Only for typing `context` at call sites. */
  readonly __context?: Context;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const LAYOUT = Handlebars.compile(`<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{subject}}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#fff;border-radius:8px;padding:32px">
{{#if logoDataUri}}<tr><td style="padding-bottom:16px"><img src="{{{logoDataUri}}}" alt="{{senderName}}" style="max-height:48px;max-width:240px"></td></tr>{{/if}}
<tr><td style="border-top:4px solid {{accentColor}};padding-top:16px">{{{body}}}</td></tr>
<tr><td style="padding-top:24px;font-size:12px;color:#6e7781">{{footer}}</td></tr>
</table></td></tr></table></body></html>`);

type Compiled = {
  subject: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
  text: HandlebarsTemplateDelegate;
};
const compiled = new Map<string, Compiled>();

function compile(template: MailTemplate<object>): Compiled {
  let entry = compiled.get(template.name);
  if (!entry) {
    entry = {
      subject: Handlebars.compile(template.subject, { noEscape: true, strict: true }),
      html: Handlebars.compile(template.html, { strict: true }),
      text: Handlebars.compile(template.text, { noEscape: true, strict: true }),
    };
    compiled.set(template.name, entry);
  }
  return entry;
}

export interface Branding {
  accentColor?: string;
  footer?: string;
  /** A base64 `data:image/…` URI; anything else is left out. */
  logoDataUri?: string | null;
  /** The logo's alt text. */
  senderName?: string;
}

// Rendered unescaped (escaping would corrupt the base64 for the mailer's data-URI to cid: conversion), so
// only a strict base64 image URI gets in.
const LOGO_DATA_URI = /^data:image\/(png|jpeg|gif|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;
const HEX_COLOUR = /^#[0-9a-fA-F]{3,8}$/;

/** Renders a template; `strict` makes a missing context value an error instead of a blank in the mail. */
export function renderMail<C extends object>(
  template: MailTemplate<C>,
  context: C,
  branding: Branding = {},
): RenderedMail {
  const parts = compile(template);
  const subject = parts.subject(context);
  return {
    subject,
    html: LAYOUT({
      subject,
      body: parts.html(context),
      accentColor:
        branding.accentColor && HEX_COLOUR.test(branding.accentColor) ? branding.accentColor : '#4f46e5',
      footer: branding.footer ?? '',
      logoDataUri:
        branding.logoDataUri && LOGO_DATA_URI.test(branding.logoDataUri) ? branding.logoDataUri : null,
      senderName: branding.senderName ?? '',
    }),
    text: parts.text(context),
  };
}
