import { SetMetadata } from '@nestjs/common';

export const SKIP_IDEMPOTENCY_METADATA = 'billing:skip-idempotency';

/**
 * Opts a route or a controller out of idempotency keys: an `Idempotency-Key` header is ignored, so the
 * response is never stored in `idempotency_keys` nor replayed. For responses that carry secrets (tokens,
 * API key secrets, TOTP secrets, recovery codes), which must not be kept in the database nor handed to
 * whoever repeats the key.
 */
export const SkipIdempotency = (): MethodDecorator & ClassDecorator =>
  SetMetadata(SKIP_IDEMPOTENCY_METADATA, true);
