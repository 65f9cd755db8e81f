import Decimal from 'decimal.js';
import fc from 'fast-check';
import { PriceTier, priceCharge } from './index';

/** Decimal strings of up to 4 decimals from integer ten-thousandths. */
const decimal = (max: number) =>
  fc.integer({ min: 0, max: max * 10_000 }).map((n) => new Decimal(n).div(10_000).toFixed());
const quantity = decimal(100_000);
const price = decimal(100);

/** 1–6 contiguous tiers from 0, ascending, the last open-ended. */
const tiersArb = fc
  .array(
    fc.record({ width: fc.integer({ min: 1, max: 1000 }), unitAmount: price, flatAmount: decimal(50) }),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((rows) => {
    let from = 0;
    return rows.map((row, i): PriceTier => {
      const upTo = i === rows.length - 1 ? null : from + row.width;
      const tier = {
        from: String(from),
        upTo: upTo === null ? null : String(upTo),
        unitAmount: row.unitAmount,
        flatAmount: row.flatAmount,
      };
      from = upTo ?? from;
      return tier;
    });
  });

const amountOf = (model: string, properties: unknown, q: string, currency = 'USD') =>
  priceCharge({ model, properties }, { quantity: q }, currency).amount;

const pair = fc.tuple(quantity, quantity).map(([a, b]) => (new Decimal(a).lte(b) ? [a, b] : [b, a]));

describe('pricing engine: properties', () => {
  it('amounts are non-negative safe integers for every model', () => {
    fc.assert(
      fc.property(
        tiersArb,
        quantity,
        price,
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (tiers, q, unitAmount, size, free) => {
          for (const amount of [
            amountOf('standard', { unitAmount }, q),
            amountOf('graduated', { tiers }, q),
            amountOf('volume', { tiers }, q),
            amountOf('package', { amount: unitAmount, packageSize: size, freeUnits: free }, q),
            priceCharge(
              { model: 'percentage', properties: { rate: '2.5', fixedAmount: unitAmount } },
              { quantity: q, eventCount: size },
              'USD',
            ).amount,
          ]) {
            expect(Number.isSafeInteger(amount)).toBe(true);
            expect(amount).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });

  it('standard, graduated and package are non-decreasing in quantity', () => {
    fc.assert(
      fc.property(
        tiersArb,
        pair,
        price,
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (tiers, [a, b], unitAmount, size, free) => {
          expect(amountOf('standard', { unitAmount }, a)).toBeLessThanOrEqual(
            amountOf('standard', { unitAmount }, b),
          );
          expect(amountOf('graduated', { tiers }, a)).toBeLessThanOrEqual(
            amountOf('graduated', { tiers }, b),
          );
          const pkg = { amount: unitAmount, packageSize: size, freeUnits: free };
          expect(amountOf('package', pkg, a)).toBeLessThanOrEqual(amountOf('package', pkg, b));
        },
      ),
    );
  });

  /**
   * Volume pricing is NOT monotonic in general, even with non-increasing unit prices: 10 units at $10 in
   * tier 1 cost $100, 11 units at $1 in tier 2 cost $11. Within one tier it is non-decreasing, and across
   * tiers it is non-decreasing exactly when no boundary makes it drop: at every boundary b between tier i
   * and i+1, b × price(i) + flat(i) ≤ b × price(i+1) + flat(i+1). We test both directions of that.
   */
  it('volume is non-decreasing when every tier boundary satisfies the no-drop condition', () => {
    const noDrop = (tiers: PriceTier[]) =>
      tiers.slice(1).every((next, i) => {
        const b = new Decimal(next.from);
        const here = b.times(tiers[i].unitAmount).plus(tiers[i].flatAmount);
        return here.lte(b.times(next.unitAmount).plus(next.flatAmount));
      });
    fc.assert(
      fc.property(tiersArb.filter(noDrop), pair, (tiers, [a, b]) => {
        expect(amountOf('volume', { tiers }, a)).toBeLessThanOrEqual(amountOf('volume', { tiers }, b));
      }),
    );
    // …and, conversely, drops right after a boundary that breaks it.
    fc.assert(
      fc.property(
        tiersArb.filter((t) => t.length > 1 && !noDrop(t)),
        (tiers) => {
          const broken = tiers.slice(1).findIndex((next, i) => {
            const b = new Decimal(next.from);
            return b
              .times(tiers[i].unitAmount)
              .plus(tiers[i].flatAmount)
              .gt(b.times(next.unitAmount).plus(next.flatAmount));
          });
          const boundary = new Decimal(tiers[broken + 1].from);
          const exact = (q: Decimal) =>
            new Decimal(
              priceCharge({ model: 'volume', properties: { tiers } }, { quantity: q.toFixed() }, 'USD')
                .exactAmount,
            );
          expect(exact(boundary.plus('0.00000001')).lt(exact(boundary))).toBe(true);
        },
      ),
    );
  });

  it('volume is non-decreasing within one tier, whatever the tiers', () => {
    fc.assert(
      fc.property(
        tiersArb,
        fc.nat(),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        (tiers, pick, [x, y]) => {
          const tier = tiers[pick % tiers.length];
          const from = new Decimal(tier.from);
          const width = tier.upTo === null ? new Decimal(1000) : new Decimal(tier.upTo).minus(from);
          const at = (f: number) =>
            from.plus(width.times(Math.max(f, 1e-6)).toDecimalPlaces(4, Decimal.ROUND_UP)).toFixed();
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(amountOf('volume', { tiers }, at(lo))).toBeLessThanOrEqual(
            amountOf('volume', { tiers }, at(hi)),
          );
        },
      ),
    );
  });

  it('graduated equals volume on the first tier', () => {
    fc.assert(
      fc.property(tiersArb, fc.double({ min: 0, max: 1, noNaN: true }), (tiers, f) => {
        const top = tiers[0].upTo === null ? new Decimal(1_000_000) : new Decimal(tiers[0].upTo);
        const q = top.times(f).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed();
        expect(
          priceCharge({ model: 'graduated', properties: { tiers } }, { quantity: q }, 'USD').exactAmount,
        ).toBe(priceCharge({ model: 'volume', properties: { tiers } }, { quantity: q }, 'USD').exactAmount);
      }),
    );
  });

  it('package bills ceil(max(q − free, 0) / size) blocks', () => {
    fc.assert(
      fc.property(
        quantity,
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        price,
        (q, size, free, amount) => {
          const blocks = Decimal.max(new Decimal(q).minus(free), 0).div(size).ceil();
          const result = priceCharge(
            { model: 'package', properties: { amount, packageSize: size, freeUnits: free } },
            { quantity: q },
            'USD',
          );
          expect(new Decimal(result.exactAmount).eq(blocks.times(amount))).toBe(true);
          if (blocks.gt(0)) expect(result.breakdown.at(-1)?.units).toBe(blocks.toFixed());
        },
      ),
    );
  });

  it.each([
    ['JPY', 0],
    ['USD', 2],
    ['KWD', 3],
  ])('%s rounds the exact amount half-up to %i decimals, once', (currency, decimals) => {
    fc.assert(
      fc.property(quantity, price, (q, unitAmount) => {
        const result = priceCharge(
          { model: 'standard', properties: { unitAmount } },
          { quantity: q },
          currency,
        );
        const exact = new Decimal(q).times(unitAmount);
        expect(result.exactAmount).toBe(exact.toFixed());
        const expected = exact
          .toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP)
          .times(10 ** decimals)
          .toNumber();
        expect(result.amount).toBe(expected);
        // never more than half a minor unit away from the exact amount
        expect(
          new Decimal(result.amount)
            .div(10 ** decimals)
            .minus(exact)
            .abs()
            .lte(new Decimal(0.5).div(10 ** decimals)),
        ).toBe(true);
      }),
    );
  });
});
