import { FieldError, isCurrencyCode, isUuid } from '@app/core';
import { LedgerAccount } from '@app/ledger';
import { CREDIT_GRANT_TYPES, ApplyCreditsInput, GrantCreditInput } from '../credits.types';
import { CreditsErrorCode, CreditsError } from '../credits.errors';

export const MAX_PRIORITY = 1_000_000;

const isCurrency = (value: unknown): boolean => typeof value === 'string' && isCurrencyCode(value);
const isPositiveAmount = (value: unknown): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

function reject(code: CreditsErrorCode, errors: FieldError[]): void {
  if (errors.length === 0) return;
  throw new CreditsError(422, code, errors.map((e) => `${e.field}: ${e.message}`).join('; ') + '.', errors);
}

/** Every rule of a grant that does not need the database; a 422 naming each rejected field. */
export function assertValidGrant(input: GrantCreditInput, now: Date): void {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (!isUuid(input.customerId)) fail('customerId', 'must be the id of a customer');
  if (!isCurrency(input.currency)) fail('currency', 'must be an ISO 4217 currency code, e.g. EUR');
  if (!isPositiveAmount(input.amount)) fail('amount', 'must be a positive integer in minor units');
  if (!CREDIT_GRANT_TYPES.includes(input.type))
    fail('type', `must be one of ${CREDIT_GRANT_TYPES.join(', ')}`);
  if (typeof input.source !== 'string' || input.source.length === 0 || input.source.length > 100)
    fail('source', 'must be 1 to 100 characters');
  const expiresAt = input.expiresAt;
  if (expiresAt !== undefined && expiresAt !== null) {
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()))
      fail('expiresAt', 'must be an ISO 8601 instant');
    else if (expiresAt <= now) fail('expiresAt', 'must be in the future');
  }
  const priority = input.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > MAX_PRIORITY)
    fail('priority', `must be an integer between -${MAX_PRIORITY} and ${MAX_PRIORITY}`);
  const funding = input.fundingAccount;
  if (
    funding !== undefined &&
    (!Object.values(LedgerAccount).includes(funding) || funding === LedgerAccount.CustomerCredit)
  )
    fail('fundingAccount', 'must be a ledger account other than customer_credit');
  reject(CreditsErrorCode.InvalidCreditGrant, errors);
}

export function assertValidApplication(input: ApplyCreditsInput): void {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  if (!isUuid(input.invoiceId)) fail('invoiceId', 'must be a UUID');
  if (!isUuid(input.customerId)) fail('customerId', 'must be a UUID');
  if (!isCurrency(input.currency)) fail('currency', 'must be an ISO 4217 currency code');
  if (!(Number.isSafeInteger(input.maxAmount) && input.maxAmount >= 0))
    fail('maxAmount', 'must be a non-negative integer in minor units');
  reject(CreditsErrorCode.InvalidCreditApplication, errors);
}
