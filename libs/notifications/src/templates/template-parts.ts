/** Building blocks of the notification templates (Handlebars source, not rendered HTML). */

export const paragraph = (text: string): string =>
  `<p style="font-size:15px;line-height:1.5;margin:0 0 12px">${text}</p>`;

/** A two-column table of facts; each value is a Handlebars expression such as `{{amountDue}}`. */
export const detailsHtml = (rows: [label: string, value: string][]): string =>
  `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:16px 0;font-size:14px;border-collapse:collapse">${rows
    .map(
      ([label, value]) =>
        `<tr><td style="padding:6px 0;color:#6e7781;border-bottom:1px solid #eaeef2">${label}</td><td style="padding:6px 0;text-align:right;font-weight:600;border-bottom:1px solid #eaeef2">${value}</td></tr>`,
    )
    .join('')}</table>`;

export const detailsText = (rows: [label: string, value: string][]): string =>
  rows.map(([label, value]) => `${label}: ${value}`).join('\n');

export const greeting = { html: paragraph('Hello {{customerName}},'), text: 'Hello {{customerName}},' };

export const signature = {
  html: paragraph('Kind regards,<br>{{orgName}}'),
  text: 'Kind regards,\n{{orgName}}',
};

/** Who sends, to whom: in every notification's context. */
export interface Parties {
  orgName: string;
  customerName: string;
}
