export * from './charge-models';
export { PricingError, validateCharge, assertValidCharge, MAX_TIERS } from './validate';
export type { PricingFieldError, ValidationResult } from './validate';
export { priceCharge } from './price';
