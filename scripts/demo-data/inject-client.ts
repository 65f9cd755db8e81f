// The API's HTTP routes called in process (Fastify inject: no port) with the demo API key, so that every
// body the seed sends goes through the API's validation and permissions.
import { NestFastifyApplication } from '@nestjs/platform-fastify';

export type InjectClient = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
) => Promise<Record<string, unknown>>;

/** A client that fails loudly on any answer other than 2xx, quoting the body. */
export function injectClient(app: NestFastifyApplication, apiKey: string): InjectClient {
  const fastify = app.getHttpAdapter().getInstance();
  return async (method, url, payload = {}) => {
    const response = await fastify.inject({
      method,
      url,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      payload: method === 'GET' ? undefined : JSON.stringify(payload),
    });
    if (response.statusCode < 200 || response.statusCode > 299)
      throw new Error(
        `demo seed: ${method} ${url} answered ${response.statusCode}: ${response.body.slice(0, 500)}`,
      );
    return response.json<Record<string, unknown>>();
  };
}
