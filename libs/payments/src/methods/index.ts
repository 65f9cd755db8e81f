import { PaymentMethodsController } from './payment-methods.controller';
import { PaymentMethodsService } from './payment-methods.service';
import { StripeCustomersService } from './stripe-customers.service';

export const METHODS_PROVIDERS = [StripeCustomersService, PaymentMethodsService];
export const METHODS_CONTROLLERS = [PaymentMethodsController];
