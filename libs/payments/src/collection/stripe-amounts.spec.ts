import { fromStripeAmount, toStripeAmount } from './stripe-amounts';

describe('Stripe amounts', () => {
  it('sends two-decimal currencies as they are', () => {
    expect(toStripeAmount(1999, 'EUR')).toBe(1999);
    expect(fromStripeAmount(88, 'usd')).toBe(88);
  });

  it('sends zero-decimal currencies (JPY) in whole units, as our minor units already are', () => {
    expect(toStripeAmount(5000, 'JPY')).toBe(5000);
    expect(fromStripeAmount(175, 'jpy')).toBe(175);
  });

  it('converts where ISO 4217 and Stripe disagree (ISK is two-decimal at Stripe)', () => {
    expect(toStripeAmount(1200, 'ISK')).toBe(120000);
    expect(fromStripeAmount(120000, 'isk')).toBe(1200);
  });

  it('keeps three-decimal currencies (KWD) in thousandths', () => {
    expect(toStripeAmount(12345, 'KWD')).toBe(12345);
  });

  it('refuses an amount that has no exact equivalent', () => {
    expect(() => fromStripeAmount(150, 'isk')).toThrow(RangeError);
  });
});
