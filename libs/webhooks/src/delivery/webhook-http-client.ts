import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { WebhookTargetPolicy } from '../security/webhook-target-policy';

export const RESPONSE_EXCERPT_BYTES = 1024;

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What one attempt observed. `statusCode` is null when no response arrived. */
export interface WebhookOutcome {
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/**
 * POSTs one webhook: 2xx is success, anything else a failure; redirects are not followed. The whole exchange
 * (connect, headers, first KB of the body) is bounded by WEBHOOK_TIMEOUT_MS, and the socket connects only
 * to an address the target policy accepts.
 */
@Injectable()
export class WebhookHttpClient {
  private readonly timeoutMs: number;

  constructor(
    @Inject(AppConfig) config: Pick<AppConfig, 'WEBHOOK_TIMEOUT_MS'>,
    private readonly policy: WebhookTargetPolicy,
  ) {
    this.timeoutMs = config.WEBHOOK_TIMEOUT_MS;
  }

  post(request: WebhookRequest): Promise<WebhookOutcome> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const url = new URL(request.url);
    const refusal = this.policy.refusalOfLiteral(url);
    if (refusal) return Promise.resolve(failure(latency(), null, null, refusal));

    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: WebhookOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        resolve(outcome);
      };
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(url, {
        method: 'POST',
        agent: false,
        lookup: this.policy.connectionLookup(),
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      });
      const timer = setTimeout(
        () =>
          settle(failure(latency(), null, null, `timeout: no complete response within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        settle(failure(latency(), null, null, describeError(error))),
      );
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const statusCode = res.statusCode ?? 0;
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          const ok = statusCode >= 200 && statusCode < 300;
          settle({
            succeeded: ok,
            statusCode,
            latencyMs: latency(),
            responseExcerpt: excerpt || null,
            error: ok
              ? null
              : `HTTP ${statusCode}${statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : ''}`,
          });
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_EXCERPT_BYTES) done();
        });
        res.on('end', done);
        res.on('error', (error) =>
          settle(failure(latency(), res.statusCode ?? null, null, describeError(error))),
        );
      });
      req.end(request.body);
    });
  }
}

const failure = (
  latencyMs: number,
  statusCode: number | null,
  responseExcerpt: string | null,
  error: string,
): WebhookOutcome => ({ succeeded: false, statusCode, latencyMs, responseExcerpt, error });

function describeError(error: NodeJS.ErrnoException): string {
  const code = error.code && !error.message.includes(error.code) ? `${error.code}: ` : '';
  return `${code}${error.message}`.slice(0, 500);
}
