import { METHODS_CONTROLLERS, METHODS_PROVIDERS } from '../methods';
import { PaymentSettlementService } from '../services/payment-settlement.service';
import { CollectionController } from './collection.controller';
import { CollectionJobs } from './collection.jobs';
import { CollectionService } from './collection.service';
import { PaymentIntentOutcomes } from './payment-intent-outcomes';
import { StuckPaymentsRecoverer } from './stuck-payments.recoverer';

/** Payment methods live in ../methods and are registered with collection, which charges them. */
export const COLLECTION_PROVIDERS = [
  ...METHODS_PROVIDERS,
  PaymentSettlementService,
  PaymentIntentOutcomes,
  CollectionService,
  StuckPaymentsRecoverer,
  CollectionJobs,
];
export const COLLECTION_CONTROLLERS = [...METHODS_CONTROLLERS, CollectionController];
