import { SetMetadata } from '@nestjs/common';
import { Permission } from './permissions';

export const PUBLIC_ROUTE = 'billing:public-route';
export const REQUIRED_PERMISSION = 'billing:required-permission';

/**
 * The route needs no tenant principal (sign-up, login, health, the Stripe webhook, operator routes that
 * bring their own guard). Every other route needs an authenticated user or API key.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The permission the caller's role (user) or scopes (API key) must include; a 403 names it otherwise. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);
