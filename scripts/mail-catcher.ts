// The demo's mail catcher: a real SMTP server (the test kit's SmtpCapture) that keeps every message, plus a
// tiny web page listing them. Local use only: it binds 127.0.0.1 and keeps messages in memory.
// Standalone: `node dist/scripts/mail-catcher.js` (SMTP on the SMTP_URL port, UI on MAIL_CATCHER_PORT or 1080).
import 'dotenv/config';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressObject, ParsedMail } from 'mailparser';
import { SmtpCapture } from '../test/smtp/smtp-capture';

export interface MailCatcher {
  smtpUrl: string;
  webUrl: string;
  readonly messages: readonly ParsedMail[];
  stop(): Promise<void>;
}

export interface MailCatcherOptions {
  smtpPort: number;
  httpPort: number;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/** Escapes plain text and turns its http(s) URLs into links (trailing punctuation stays outside the link). */
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += escapeHtml(text.slice(last, start));
    html += `<a href="${escapeHtml(url)}" rel="noopener noreferrer" target="_blank">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((address) => address.text).join(', ');
}

function renderPage(messages: readonly ParsedMail[]): string {
  const items = [...messages]
    .reverse()
    .map((mail, index) => {
      const date = mail.date ? mail.date.toISOString() : '';
      const body = mail.text ?? (typeof mail.html === 'string' ? '(HTML only)' : '');
      return `<article>
  <h2>${escapeHtml(mail.subject ?? '(no subject)')}</h2>
  <dl>
    <dt>From</dt><dd>${escapeHtml(addresses(mail.from))}</dd>
    <dt>To</dt><dd>${escapeHtml(addresses(mail.to))}</dd>
    <dt>Date</dt><dd><time datetime="${escapeHtml(date)}">${escapeHtml(date)}</time></dd>
    <dt>#</dt><dd>${messages.length - index}</dd>
  </dl>
  <pre>${linkify(body)}</pre>
</article>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>Mail catcher (${messages.length})</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
  article { border: 1px solid #ccc; border-radius: 6px; padding: 0.5rem 1rem; margin: 1rem 0; }
  h2 { font-size: 1.1rem; margin: 0.3rem 0; }
  dl { display: grid; grid-template-columns: 4rem 1fr; margin: 0; color: #555; }
  dd { margin: 0; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: 0.5rem; }
</style>
</head>
<body>
<h1>Mail catcher</h1>
<p>${messages.length} message(s) received, newest first. The page refreshes every 5 seconds.
JSON: <a href="/messages.json">/messages.json</a></p>
${items || '<p><em>No mail yet.</em></p>'}
</body>
</html>
`;
}

function messagesJson(messages: readonly ParsedMail[]): string {
  return JSON.stringify(
    messages.map((mail) => ({
      from: addresses(mail.from),
      to: addresses(mail.to),
      subject: mail.subject ?? null,
      date: mail.date?.toISOString() ?? null,
      text: mail.text ?? null,
    })),
    null,
    2,
  );
}

function listen(server: Server | ReturnType<typeof createTcpServer>, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const capture = new SmtpCapture();
  const web = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/') {
      response
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          'x-content-type-options': 'nosniff',
        })
        .end(renderPage(capture.messages));
    } else if (path === '/messages.json') {
      response
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(messagesJson(capture.messages));
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    }
  });
  // SMTPServer turns EADDRINUSE into an unhandled 'error' event (a crash), so probe the port first.
  const probe = createTcpServer();
  await listen(probe, options.smtpPort);
  await new Promise((resolve) => probe.close(resolve));
  await listen(web, options.httpPort);
  let smtpUrl: string;
  try {
    smtpUrl = await capture.start(options.smtpPort);
  } catch (error) {
    await new Promise((resolve) => web.close(resolve));
    throw error;
  }
  const address = web.address();
  const httpPort = typeof address === 'object' && address ? address.port : options.httpPort;
  return {
    smtpUrl,
    webUrl: `http://localhost:${httpPort}`,
    messages: capture.messages,
    async stop() {
      web.closeAllConnections();
      await Promise.all([capture.stop(), new Promise((resolve) => web.close(resolve))]);
    },
  };
}

/** The port of an smtp:// URL (1025 when absent or unparsable). */
export function smtpPortOf(smtpUrl: string | undefined): number {
  try {
    return Number(new URL(smtpUrl ?? '').port) || 1025;
  } catch {
    return 1025;
  }
}

if (require.main === module) {
  startMailCatcher({
    smtpPort: smtpPortOf(process.env.SMTP_URL),
    httpPort: Number(process.env.MAIL_CATCHER_PORT ?? 1080),
  }).then(
    (catcher) => {
      console.log(`Mail catcher: SMTP ${catcher.smtpUrl}, web UI ${catcher.webUrl}`);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.once(signal, () => void catcher.stop().then(() => process.exit(0)));
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
