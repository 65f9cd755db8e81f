import { DEFAULT_CSS } from './default-styles';

/** The built-in templates' version, stored on the documents they render (bump it when they change). */
export const DEFAULT_TEMPLATE_VERSION = 1;

const HEADER = `
<header>
  <div>{{#if branding.logoDataUri}}<img class="logo" src="{{branding.logoDataUri}}" alt="">{{else}}<div class="party"><div class="name accent">{{seller.name}}</div></div>{{/if}}</div>
  <div>
    <h1>{{title}}</h1>
    <div class="number">{{number}}</div>
    {{#if isDraft}}<div class="draft-mark">Preview: not a valid invoice until finalized</div>{{/if}}
    <table class="facts">{{#each facts}}<tr><td>{{label}}</td><td>{{value}}</td></tr>{{/each}}</table>
  </div>
</header>
<section class="parties">
  <div class="party">
    <h2>From</h2>
    <div class="name">{{seller.name}}</div>
    {{#if seller.legalName}}<div>{{seller.legalName}}</div>{{/if}}
    {{#each seller.addressLines}}<div>{{this}}</div>{{/each}}
    {{#each seller.taxIds}}<div>{{this}}</div>{{/each}}
  </div>
  <div class="party">
    <h2>{{buyerLabel}}</h2>
    <div class="name">{{buyer.name}}</div>
    {{#if buyer.legalName}}<div>{{buyer.legalName}}</div>{{/if}}
    {{#each buyer.addressLines}}<div>{{this}}</div>{{/each}}
    {{#each buyer.taxIds}}<div>{{this}}</div>{{/each}}
    {{#if buyer.email}}<div>{{buyer.email}}</div>{{/if}}
  </div>
</section>`;

const SUMMARY = `
<section class="summary">
  {{#if taxes.length}}
  <table class="taxes">
    <thead><tr><th>Tax</th><th>Rate</th><th>Taxable</th><th>Tax</th></tr></thead>
    <tbody>{{#each taxes}}<tr><td>{{name}}</td><td>{{rate}}</td><td>{{taxable}}</td><td>{{amount}}</td></tr>{{/each}}</tbody>
  </table>
  {{else}}<div></div>{{/if}}
  <table class="totals">
    {{#each totals}}<tr{{#if strong}} class="strong"{{/if}}><td>{{label}}</td><td>{{value}}</td></tr>{{/each}}
  </table>
</section>`;

const NOTES = `
{{#if legalNote}}<section class="notes">{{legalNote}}</section>{{/if}}
{{#if notes}}<section class="notes"><h3>Notes</h3>{{notes}}</section>{{/if}}`;

const INVOICE_HTML = `${HEADER}
<table class="lines">
  <thead><tr><th>Description</th><th class="num">Qty</th><th class="num">Unit price</th><th class="num">Tax</th><th class="num">Amount</th></tr></thead>
  <tbody>
    {{#each lines}}<tr><td>{{description}}{{#if period}}<div class="period">{{period}}</div>{{/if}}</td><td class="num">{{quantity}}</td><td class="num">{{unitPrice}}</td><td class="num">{{taxRates}}</td><td class="num">{{amount}}</td></tr>
    {{/each}}
  </tbody>
</table>
${SUMMARY}
<section class="due"><div>Amount due</div><div class="amount">{{amountDue}}</div></section>
{{#if paymentInstructions}}<section class="notes"><h3>Payment instructions</h3>{{paymentInstructions}}</section>{{/if}}
${NOTES}`;

const CREDIT_NOTE_HTML = `${HEADER}
<table class="lines">
  <thead><tr><th>Description</th><th class="num">Tax</th><th class="num">Net</th><th class="num">Total</th></tr></thead>
  <tbody>
    {{#each lines}}<tr><td>{{description}}</td><td class="num">{{taxRates}}</td><td class="num">{{amount}}</td><td class="num">{{total}}</td></tr>
    {{/each}}
  </tbody>
</table>
${SUMMARY}
${NOTES}`;

export interface TemplateSource {
  html: string;
  css: string;
}

export const DEFAULT_TEMPLATES: Record<'invoice' | 'credit_note', TemplateSource> = {
  invoice: { html: INVOICE_HTML, css: DEFAULT_CSS },
  credit_note: { html: CREDIT_NOTE_HTML, css: DEFAULT_CSS },
};
