/** The built-in templates' CSS (a Handlebars template too: it sees the same view, e.g. the accent colour). */
export const DEFAULT_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 9.5pt; color: #1f2937; }
.accent { color: {{branding.accentColor}}; }
header { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 8mm; }
header .logo { max-height: 18mm; max-width: 60mm; }
header h1 { margin: 0; font-size: 20pt; font-weight: 600; color: {{branding.accentColor}}; text-align: right; }
header .number { text-align: right; font-size: 11pt; margin-top: 1mm; }
.draft-mark { color: #b91c1c; font-weight: 600; text-align: right; }
.facts { margin-top: 3mm; border-collapse: collapse; margin-left: auto; }
.facts td { padding: 0.4mm 0 0.4mm 5mm; text-align: right; }
.facts td:first-child { color: #6b7280; }
.parties { display: flex; gap: 10mm; margin-bottom: 8mm; }
.party { flex: 1; }
.party h2 { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.06em; color: #6b7280; margin: 0 0 1.5mm; }
.party .name { font-weight: 600; font-size: 10.5pt; }
.party div { line-height: 1.4; }
table.lines { width: 100%; border-collapse: collapse; }
table.lines thead { display: table-header-group; }
table.lines tr { page-break-inside: avoid; break-inside: avoid; }
table.lines th { text-align: left; font-size: 8pt; text-transform: uppercase; letter-spacing: 0.04em; color: #fff; background: {{branding.accentColor}}; padding: 2mm; }
table.lines td { padding: 1.8mm 2mm; border-bottom: 0.3mm solid #e5e7eb; vertical-align: top; }
table.lines .num { text-align: right; white-space: nowrap; }
table.lines .period { color: #6b7280; font-size: 8pt; }
.summary { display: flex; justify-content: space-between; gap: 10mm; margin-top: 6mm; page-break-inside: avoid; break-inside: avoid; }
table.taxes { border-collapse: collapse; align-self: flex-start; }
table.taxes th, table.taxes td { padding: 1mm 3mm 1mm 0; text-align: right; font-size: 8.5pt; }
table.taxes th { color: #6b7280; font-weight: normal; }
table.taxes th:first-child, table.taxes td:first-child { text-align: left; }
table.totals { border-collapse: collapse; min-width: 75mm; margin-left: auto; }
table.totals td { padding: 1.2mm 0 1.2mm 6mm; text-align: right; white-space: nowrap; }
table.totals tr.strong td { font-weight: 600; border-top: 0.4mm solid {{branding.accentColor}}; }
.due { margin-top: 6mm; padding: 3mm 4mm; border-left: 1.2mm solid {{branding.accentColor}}; background: #f9fafb; page-break-inside: avoid; }
.due .amount { font-size: 13pt; font-weight: 600; }
.notes { margin-top: 6mm; white-space: pre-line; page-break-inside: avoid; }
.notes h3 { font-size: 8pt; text-transform: uppercase; letter-spacing: 0.06em; color: #6b7280; margin: 0 0 1mm; }
`;
