import { CallHandler, Controller, Post } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { lastValueFrom, of } from 'rxjs';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';
import { SkipIdempotency } from './skip-idempotency.decorator';

@Controller('plain')
class PlainController {
  @Post()
  create() {
    return { ok: true };
  }

  @SkipIdempotency()
  @Post('secret')
  secret() {
    return { token: 'secret' };
  }
}

@SkipIdempotency()
@Controller('tokens')
class TokensController {
  @Post()
  issue() {
    return { token: 'secret' };
  }
}

function setUp() {
  const store = {
    claim: jest.fn().mockResolvedValue({ kind: 'claimed', id: 'claim-1' }),
    complete: jest.fn().mockResolvedValue(undefined),
    release: jest.fn().mockResolvedValue(undefined),
  };
  const interceptor = new IdempotencyInterceptor(store as unknown as IdempotencyStore, new Reflector());
  const call = async (controller: new () => object, method: string, key: string) => {
    const handler = (controller.prototype as Record<string, () => unknown>)[method];
    const request = { method: 'POST', url: '/v1/x', headers: { 'idempotency-key': key }, body: {} };
    const reply = { header: jest.fn() };
    const context = new ExecutionContextHost([request, reply], controller as never, handler);
    context.setType('http');
    const next: CallHandler = { handle: () => of({ body: 'fresh' }) };
    return lastValueFrom(interceptor.intercept(context, next));
  };
  return { store, call };
}

describe('@SkipIdempotency()', () => {
  it('is honoured on a handler: the key is neither claimed nor stored', async () => {
    const { store, call } = setUp();
    await expect(call(PlainController, 'secret', 'key-1')).resolves.toEqual({ body: 'fresh' });
    expect(store.claim).not.toHaveBeenCalled();
    expect(store.complete).not.toHaveBeenCalled();
  });

  it('is honoured on a controller, for every route of it, whatever the key looks like', async () => {
    const { store, call } = setUp();
    await expect(call(TokensController, 'issue', 'key-2')).resolves.toEqual({ body: 'fresh' });
    await expect(call(TokensController, 'issue', 'not a valid key ✗')).resolves.toEqual({ body: 'fresh' });
    expect(store.claim).not.toHaveBeenCalled();
  });

  it('leaves other routes of the same controller idempotent', async () => {
    const { store, call } = setUp();
    await call(PlainController, 'create', 'key-3');
    expect(store.claim).toHaveBeenCalledWith(expect.objectContaining({ key: 'key-3', method: 'POST' }));
    expect(store.complete).toHaveBeenCalledWith('claim-1', 201, { body: 'fresh' });
  });
});
