import { createHmac } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX, newWebhookSecret, signatureHeader } from './webhook-signature';

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with each secret, current first', () => {
    const body = '{"id":"evt","type":"invoice.finalized"}';
    const header = signatureHeader(['whsec_new', 'whsec_old'], 1_700_000_000, body);
    const expected = (secret: string) =>
      createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected('whsec_new')},v1=${expected('whsec_old')}`);
  });

  it('makes distinct prefixed secrets', () => {
    const a = newWebhookSecret();
    expect(a.startsWith(WEBHOOK_SECRET_PREFIX)).toBe(true);
    expect(a.length).toBeGreaterThan(30);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
