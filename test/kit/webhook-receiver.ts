import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

/** What the receiver answers to the n-th request (1-based); `hangMs` waits that long before answering. */
export type WebhookResponder = (
  n: number,
  request: ReceivedWebhook,
) => { status: number; body?: string; hangMs?: number };

/** A local HTTP server on 127.0.0.1 that records every webhook it receives and answers as told. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly server: Server;
  private responder: WebhookResponder = () => ({ status: 200, body: 'ok' });

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const request: ReceivedWebhook = { headers: req.headers, body, json: JSON.parse(body) };
        this.received.push(request);
        const answer = this.responder(this.received.length, request);
        const respond = () => {
          if (!res.destroyed)
            res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
        };
        if (answer.hangMs) setTimeout(respond, answer.hangMs);
        else respond();
      });
    });
  }

  respondWith(responder: WebhookResponder): this {
    this.responder = responder;
    return this;
  }

  /** Listens on a free port and returns the URL to register. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.json.type === type);
  }

  async waitFor(predicate: (r: ReceivedWebhook) => boolean, timeoutMs = 10_000): Promise<ReceivedWebhook> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`No matching webhook within ${timeoutMs} ms (${this.received.length} received)`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
