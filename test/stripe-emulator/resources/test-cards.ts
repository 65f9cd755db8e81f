/**
 * Stripe's documented test PaymentMethod tokens and how a charge with each behaves
 * (https://docs.stripe.com/testing). Passing a token creates a fresh PaymentMethod each time, as Stripe does.
 */
export type CardOutcome =
  | { kind: 'succeed'; dispute?: 'fraudulent' | 'inquiry' }
  /** `onAttach`: Stripe's card check also declines attaching/setting up the card, not only charges. */
  | { kind: 'decline'; code: string; declineCode: string; message: string; onAttach: boolean }
  /** `onlyUntilSetUp`: once set up through a SetupIntent, off-session charges go through. */
  | { kind: 'authenticate'; onlyUntilSetUp: boolean }
  /** Bank debits stay `processing` until the test settles them (control.settlePaymentIntent). */
  | { kind: 'processing'; settlesAs: 'succeeded' | 'failed' };

export interface TestCard {
  token: string;
  type: 'card' | 'us_bank_account';
  brand: string;
  last4: string;
  funding: 'credit' | 'debit';
  outcome: CardOutcome;
}

const declined = (code: string, declineCode: string, message: string, onAttach = true): CardOutcome => ({
  kind: 'decline',
  code,
  declineCode,
  message,
  onAttach,
});

const card = (
  token: string,
  brand: string,
  last4: string,
  outcome: CardOutcome = { kind: 'succeed' },
): TestCard => ({
  token,
  type: 'card',
  brand,
  last4,
  funding: 'credit',
  outcome,
});

const CARDS: TestCard[] = [
  card('pm_card_visa', 'visa', '4242'),
  { ...card('pm_card_visa_debit', 'visa', '5556'), funding: 'debit' },
  card('pm_card_mastercard', 'mastercard', '4444'),
  card('pm_card_amex', 'amex', '0005'),
  card('pm_card_discover', 'discover', '1117'),
  card(
    'pm_card_chargeDeclined',
    'visa',
    '0002',
    declined('card_declined', 'generic_decline', 'Your card was declined.'),
  ),
  card(
    'pm_card_chargeDeclinedInsufficientFunds',
    'visa',
    '9995',
    declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
  ),
  card(
    'pm_card_chargeDeclinedLostCard',
    'visa',
    '9987',
    declined('card_declined', 'lost_card', 'Your card was declined.'),
  ),
  card(
    'pm_card_chargeDeclinedStolenCard',
    'visa',
    '9979',
    declined('card_declined', 'stolen_card', 'Your card was declined.'),
  ),
  card(
    'pm_card_chargeDeclinedFraudulent',
    'visa',
    '0019',
    declined('card_declined', 'fraudulent', 'Your card was declined.'),
  ),
  card(
    'pm_card_chargeDeclinedExpiredCard',
    'visa',
    '0069',
    declined('expired_card', 'expired_card', 'Your card has expired.'),
  ),
  card(
    'pm_card_chargeDeclinedIncorrectCvc',
    'visa',
    '0127',
    declined('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  ),
  card(
    'pm_card_chargeDeclinedProcessingError',
    'visa',
    '0119',
    declined(
      'processing_error',
      'processing_error',
      'An error occurred while processing your card. Try again.',
    ),
  ),
  card(
    'pm_card_chargeCustomerFail',
    'visa',
    '0341',
    declined('card_declined', 'generic_decline', 'Your card was declined.', false),
  ),
  card('pm_card_authenticationRequired', 'visa', '3184', { kind: 'authenticate', onlyUntilSetUp: false }),
  card('pm_card_threeDSecure2Required', 'visa', '3220', { kind: 'authenticate', onlyUntilSetUp: false }),
  card('pm_card_authenticationRequiredOnSetup', 'visa', '3155', {
    kind: 'authenticate',
    onlyUntilSetUp: true,
  }),
  card('pm_card_createDispute', 'visa', '0259', { kind: 'succeed', dispute: 'fraudulent' }),
  card('pm_card_createDisputeInquiry', 'visa', '1976', { kind: 'succeed', dispute: 'inquiry' }),
  {
    token: 'pm_usBankAccount_success',
    type: 'us_bank_account',
    brand: 'STRIPE TEST BANK',
    last4: '6789',
    funding: 'debit',
    outcome: { kind: 'processing', settlesAs: 'succeeded' },
  },
  {
    token: 'pm_usBankAccount_insufficientFunds',
    type: 'us_bank_account',
    brand: 'STRIPE TEST BANK',
    last4: '2227',
    funding: 'debit',
    outcome: { kind: 'processing', settlesAs: 'failed' },
  },
];

const BY_TOKEN = new Map(CARDS.map((c) => [c.token, c]));

export function testCard(token: string): TestCard | undefined {
  return BY_TOKEN.get(token);
}

export function testCardTokens(): string[] {
  return [...BY_TOKEN.keys()];
}
