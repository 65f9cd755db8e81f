export { stripeClientOptions } from '../../libs/payments/src/stripe/stripe-client-options';
export { EmulatorControl, ObjectKind } from './control';
export { FaultKind, FaultSpec } from './faults/fault-injector';
export { BalanceEntry } from './resources/balance-transactions';
export { EmulatorSettings } from './resources/context';
export { testCardTokens } from './resources/test-cards';
export * from './state/objects';
export { StripeEmulator, StripeEmulatorOptions, startStripeEmulator } from './server';
export { DeliveryAttempt, DeliverySettings, WebhookEndpoint, WebhookEndpointSpec } from './webhooks/delivery';
