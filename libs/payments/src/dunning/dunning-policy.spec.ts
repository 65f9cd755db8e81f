import {
  delayUntil,
  finalStep,
  gracePeriodEnd,
  isHardDecline,
  plannedSteps,
  stepAt,
  stepJobId,
} from './dunning-policy';

const first = new Date('2026-03-10T09:30:00.000Z');

describe('dunning policy', () => {
  it('dates each step from the first failure, not from the previous step', () => {
    const days = [1, 3, 5, 7];
    expect(days.map((_, i) => stepAt(first, days, i + 1).toISOString())).toEqual([
      '2026-03-11T09:30:00.000Z',
      '2026-03-13T09:30:00.000Z',
      '2026-03-15T09:30:00.000Z',
      '2026-03-17T09:30:00.000Z',
    ]);
    expect(finalStep(days)).toBe(5);
  });

  it('refuses a step outside the schedule', () => {
    expect(() => stepAt(first, [1, 3], 0)).toThrow(RangeError);
    expect(() => stepAt(first, [1, 3], 3)).toThrow(RangeError);
    expect(() => stepAt(first, [1, 3], 1.5)).toThrow(RangeError);
  });

  it('lists the planned steps with those already run', () => {
    expect(plannedSteps(first, [2, 4], 1)).toEqual([
      { step: 1, at: new Date('2026-03-12T09:30:00.000Z'), done: true },
      { step: 2, at: new Date('2026-03-14T09:30:00.000Z'), done: false },
    ]);
    expect(plannedSteps(first, [], 0)).toEqual([]);
    expect(finalStep([])).toBe(1);
  });

  it('ends the grace period whole days after the first failure (0: at once)', () => {
    expect(gracePeriodEnd(first, 3).toISOString()).toBe('2026-03-13T09:30:00.000Z');
    expect(gracePeriodEnd(first, 0)).toEqual(first);
  });

  it('never delays by a negative amount', () => {
    expect(delayUntil(stepAt(first, [1], 1), first)).toBe(86_400_000);
    expect(delayUntil(first, new Date(first.getTime() + 5000))).toBe(0);
  });

  it('tells hard declines by decline code or error code', () => {
    expect(isHardDecline('card_declined', 'stolen_card')).toBe(true);
    expect(isHardDecline('card_declined', 'lost_card')).toBe(true);
    expect(isHardDecline('card_declined', 'revocation_of_authorization')).toBe(true);
    expect(isHardDecline('expired_card', null)).toBe(true);
    expect(isHardDecline('card_declined', 'insufficient_funds')).toBe(false);
    expect(isHardDecline('card_declined', 'generic_decline')).toBe(false);
    expect(isHardDecline(null, null)).toBe(false);
  });

  it('names step jobs without a colon (BullMQ job ids)', () => {
    expect(stepJobId('0190-aa', 3)).toBe('dunning-0190-aa-3');
    expect(stepJobId('0190-aa', 3)).not.toContain(':');
  });
});
