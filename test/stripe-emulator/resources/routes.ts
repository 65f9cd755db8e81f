import { Router } from '../http/router';
import { registerBalanceTransactionRoutes } from './balance-transactions';
import { registerChargeRoutes } from './charges';
import { ResourceContext } from './context';
import { registerCustomerRoutes } from './customers';
import { registerDisputeRoutes } from './disputes';
import { registerEventRoutes } from './events';
import { registerPaymentIntentRoutes } from './payment-intents';
import { registerPaymentMethodRoutes } from './payment-methods';
import { registerRefundRoutes } from './refunds';
import { registerSetupIntentRoutes } from './setup-intents';

/** Every Stripe API route the emulator answers (under /v1). */
export function stripeApiRouter(): Router<ResourceContext> {
  const router = new Router<ResourceContext>();
  registerCustomerRoutes(router);
  registerPaymentMethodRoutes(router);
  registerSetupIntentRoutes(router);
  registerPaymentIntentRoutes(router);
  registerChargeRoutes(router);
  registerRefundRoutes(router);
  registerDisputeRoutes(router);
  registerBalanceTransactionRoutes(router);
  registerEventRoutes(router);
  return router;
}
