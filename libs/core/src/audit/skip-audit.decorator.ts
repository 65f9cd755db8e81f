import { SetMetadata } from '@nestjs/common';

export const SKIP_AUDIT = 'billing:skip-audit';

/**
 * The request is not recorded by the audit interceptor: routes that record their own, more precise
 * security events (login, token refresh, password reset) or that take high-volume machine traffic whose
 * effects are recorded elsewhere (the Stripe webhook, usage ingestion).
 */
export const SkipAudit = (): MethodDecorator & ClassDecorator => SetMetadata(SKIP_AUDIT, true);
