import { SkipThrottle } from '@nestjs/throttler';

/** Exempts a route or controller from both rate-limit budgets (health probes, metrics scrapes). */
export const NoRateLimit = (): MethodDecorator & ClassDecorator =>
  SkipThrottle({ authenticated: true, anonymous: true });
