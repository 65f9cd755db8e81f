import { DisputeSettlement } from './dispute-settlement';
import { DisputeStripeEvents } from './dispute-stripe-events';
import { DisputesController } from './disputes.controller';
import { DisputesService } from './disputes.service';

export const DISPUTES_PROVIDERS = [DisputesService, DisputeSettlement, DisputeStripeEvents];
export const DISPUTES_CONTROLLERS = [DisputesController];
