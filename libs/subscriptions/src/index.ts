export * from './subscriptions.module';
export * from './subscriptions.errors';
export { SubscriptionsService } from './services/subscriptions.service';
export { SubscriptionResponse, PendingPlanChangeResponse } from './dto/subscription.response';
export { SUBSCRIPTION_STATUSES } from './entities/subscription.entity';
export type { SubscriptionStatus } from './entities/subscription.entity';
export * from './periods';
