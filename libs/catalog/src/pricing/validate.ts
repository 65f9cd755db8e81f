import { Dec, parseDecimal, toPlain } from './decimal';
import {
  CHARGE_MODELS,
  ChargeDefinition,
  ChargeModel,
  PackageProperties,
  PercentageProperties,
  PriceTier,
  StandardProperties,
  TieredProperties,
  isChargeModel,
} from './charge-models';

/** A rejected field: `field` is a path such as `properties.tiers[2].upTo`. */
export interface PricingFieldError {
  field: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: PricingFieldError[] };

/** Thrown by the engine on invalid input; `errors` name the fields. */
export class PricingError extends Error {
  constructor(readonly errors: PricingFieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'PricingError';
  }
}

/** Amounts: up to 15 integer digits and 12 decimals. Tier bounds and quantities: 20 and 20. */
export const AMOUNT_LIMITS = { integerDigits: 15, fractionDigits: 12 };
export const QUANTITY_LIMITS = { integerDigits: 20, fractionDigits: 20 };
export const MAX_TIERS = 100;
const MAX_PACKAGE_SIZE = 1_000_000_000_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collects errors while reading a properties object, with paths under `base`. */
class Reader {
  readonly errors: PricingFieldError[] = [];

  constructor(readonly base: string) {}

  fail(path: string, message: string): void {
    this.errors.push({ field: `${this.base}${path}`, message });
  }

  /** Rejects keys the model does not define. */
  known(object: Record<string, unknown>, path: string, keys: readonly string[]): void {
    for (const key of Object.keys(object))
      if (!keys.includes(key)) this.fail(`${path}.${key}`, `is not a property of this charge model`);
  }

  amount(object: Record<string, unknown>, path: string, key: string, required: boolean): Dec | undefined {
    const value = object[key];
    if (value === undefined || value === null) {
      if (required) this.fail(`${path}.${key}`, 'is required');
      return undefined;
    }
    const parsed = parseDecimal(value, AMOUNT_LIMITS);
    if (!parsed)
      this.fail(
        `${path}.${key}`,
        'must be a non-negative decimal string with at most 15 integer digits and 12 decimals, e.g. "0.25"',
      );
    return parsed;
  }

  bound(object: Record<string, unknown>, path: string, key: string): Dec | undefined {
    const parsed = parseDecimal(object[key], QUANTITY_LIMITS);
    if (!parsed) this.fail(`${path}.${key}`, 'must be a non-negative decimal, e.g. "100"');
    return parsed;
  }

  integer(
    object: Record<string, unknown>,
    path: string,
    key: string,
    min: number,
    fallback?: number,
  ): number | undefined {
    const value = object[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (
      typeof value !== 'number' ||
      !Number.isSafeInteger(value) ||
      value < min ||
      value > MAX_PACKAGE_SIZE
    ) {
      this.fail(`${path}.${key}`, `must be an integer from ${min} to ${MAX_PACKAGE_SIZE}`);
      return undefined;
    }
    return value;
  }
}

function readStandard(r: Reader, p: Record<string, unknown>): StandardProperties | undefined {
  r.known(p, '', ['unitAmount']);
  const unitAmount = r.amount(p, '', 'unitAmount', true);
  return unitAmount ? { unitAmount: toPlain(unitAmount) } : undefined;
}

/**
 * Tiers start at 0, are contiguous (each `from` equals the previous `upTo`), ascending (`upTo > from`),
 * and only the last is open-ended (`upTo: null`). Each error names the field, e.g. `tiers[2].upTo`.
 */
function readTiers(r: Reader, p: Record<string, unknown>): TieredProperties | undefined {
  r.known(p, '', ['tiers']);
  const tiers = p.tiers;
  if (!Array.isArray(tiers) || tiers.length === 0 || tiers.length > MAX_TIERS) {
    r.fail('.tiers', `must be a list of 1 to ${MAX_TIERS} tiers`);
    return undefined;
  }
  const before = r.errors.length;
  const out: PriceTier[] = [];
  let previousUpTo: Dec | null | undefined;
  tiers.forEach((tier: unknown, i) => {
    const path = `.tiers[${i}]`;
    if (!isRecord(tier)) {
      r.fail(path, 'must be an object with from, upTo, unitAmount and flatAmount');
      previousUpTo = undefined;
      return;
    }
    r.known(tier, path, ['from', 'upTo', 'unitAmount', 'flatAmount']);
    const from = r.bound(tier, path, 'from');
    const last = i === tiers.length - 1;
    let upTo: Dec | null | undefined = null;
    if (tier.upTo === null || tier.upTo === undefined) {
      if (!last) r.fail(`${path}.upTo`, 'only the last tier may be open-ended (upTo: null)');
    } else {
      upTo = r.bound(tier, path, 'upTo');
      if (upTo && last) r.fail(`${path}.upTo`, 'the last tier must be open-ended (upTo: null)');
    }
    if (from) {
      if (i === 0 && !from.isZero()) r.fail(`${path}.from`, 'the first tier must start at 0');
      if (i > 0 && previousUpTo && !from.equals(previousUpTo))
        r.fail(
          `${path}.from`,
          `must equal the previous tier's upTo (${toPlain(previousUpTo)}): tiers are contiguous`,
        );
      if (upTo && !upTo.greaterThan(from))
        r.fail(`${path}.upTo`, `must be greater than from (${toPlain(from)}): tiers ascend`);
    }
    const unitAmount = r.amount(tier, path, 'unitAmount', true);
    const flatAmount = r.amount(tier, path, 'flatAmount', false) ?? new Dec(0);
    previousUpTo = upTo ?? undefined;
    if (from && unitAmount && upTo !== undefined)
      out.push({
        from: toPlain(from),
        upTo: upTo === null ? null : toPlain(upTo),
        unitAmount: toPlain(unitAmount),
        flatAmount: toPlain(flatAmount),
      });
  });
  return r.errors.length === before ? { tiers: out } : undefined;
}

function readPackage(r: Reader, p: Record<string, unknown>): PackageProperties | undefined {
  r.known(p, '', ['amount', 'packageSize', 'freeUnits']);
  const amount = r.amount(p, '', 'amount', true);
  const packageSize = r.integer(p, '', 'packageSize', 1);
  const freeUnits = r.integer(p, '', 'freeUnits', 0, 0);
  return amount && packageSize !== undefined && freeUnits !== undefined
    ? { amount: toPlain(amount), packageSize, freeUnits }
    : undefined;
}

function readPercentage(r: Reader, p: Record<string, unknown>): PercentageProperties | undefined {
  r.known(p, '', ['rate', 'fixedAmount', 'perEventMinAmount', 'perEventMaxAmount']);
  const rate = r.amount(p, '', 'rate', true);
  if (rate?.greaterThan(100)) r.fail('.rate', 'must be a percentage from 0 to 100');
  const fixed = r.amount(p, '', 'fixedAmount', false);
  const min = r.amount(p, '', 'perEventMinAmount', false);
  const max = r.amount(p, '', 'perEventMaxAmount', false);
  if (min && max && min.greaterThan(max)) r.fail('.perEventMaxAmount', 'must be at least perEventMinAmount');
  if (r.errors.length > 0 || !rate) return undefined;
  return {
    rate: toPlain(rate),
    ...(fixed ? { fixedAmount: toPlain(fixed) } : {}),
    ...(min ? { perEventMinAmount: toPlain(min) } : {}),
    ...(max ? { perEventMaxAmount: toPlain(max) } : {}),
  };
}

const READERS: Record<ChargeModel, (r: Reader, p: Record<string, unknown>) => object | undefined> = {
  standard: readStandard,
  graduated: readTiers,
  volume: readTiers,
  package: readPackage,
  percentage: readPercentage,
};

/**
 * Validates a charge model and its properties as a client sent them (shared by the API and the engine)
 * and returns them normalised: decimals as canonical strings, defaults filled in. Error paths start with
 * `model` or `properties`, e.g. `properties.tiers[2].upTo`.
 */
export function validateCharge(model: unknown, properties: unknown): ValidationResult<ChargeDefinition> {
  if (!isChargeModel(model))
    return { ok: false, errors: [{ field: 'model', message: `must be one of ${CHARGE_MODELS.join(', ')}` }] };
  const r = new Reader('properties');
  if (!isRecord(properties)) {
    r.fail('', `must be an object with the properties of the ${model} model`);
    return { ok: false, errors: r.errors };
  }
  const value = READERS[model](r, properties);
  if (r.errors.length > 0 || !value) return { ok: false, errors: r.errors };
  return { ok: true, value: { model, properties: value } as ChargeDefinition };
}

/** Like validateCharge, but throws a PricingError. */
export function assertValidCharge(model: unknown, properties: unknown): ChargeDefinition {
  const result = validateCharge(model, properties);
  if (!result.ok) throw new PricingError(result.errors);
  return result.value;
}
