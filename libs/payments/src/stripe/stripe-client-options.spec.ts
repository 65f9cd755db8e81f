import { stripeClientOptions } from './stripe-client-options';

describe('stripeClientOptions', () => {
  it('maps STRIPE_API_BASE to the SDK host, port and protocol', () => {
    expect(stripeClientOptions('http://127.0.0.1:12111')).toEqual({
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    });
    expect(stripeClientOptions('https://stripe-mock.internal')).toEqual({
      host: 'stripe-mock.internal',
      port: 443,
      protocol: 'https',
    });
  });
});
