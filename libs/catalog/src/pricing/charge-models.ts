/** The charge models the pricing engine knows. */
export const CHARGE_MODELS = ['standard', 'graduated', 'volume', 'package', 'percentage'] as const;
export type ChargeModel = (typeof CHARGE_MODELS)[number];

export const isChargeModel = (value: unknown): value is ChargeModel =>
  typeof value === 'string' && (CHARGE_MODELS as readonly string[]).includes(value);

/**
 * Every amount in charge properties is a decimal string in MAJOR units of the plan's currency ("0.0012"
 * USD), because unit prices need fractions of a minor unit. Results are integer minor units.
 */
export interface StandardProperties {
  /** Price per unit. */
  unitAmount: string;
}

/**
 * One price tier covering the quantities `from < q ≤ upTo` (Stripe's `up_to`: a tier `from 0 upTo 5` is
 * units 1–5). Tiers start at 0, are contiguous (`from` = previous `upTo`), ascending, and the last one is
 * open-ended (`upTo: null`).
 */
export interface PriceTier {
  from: string;
  upTo: string | null;
  /** Price per unit in this tier. */
  unitAmount: string;
  /** Charged once when any unit falls in this tier (graduated) or this tier is reached (volume). */
  flatAmount: string;
}

export interface TieredProperties {
  tiers: PriceTier[];
}

export interface PackageProperties {
  /** Price of one block of `packageSize` units; a started block is a whole block. */
  amount: string;
  packageSize: number;
  /** Units given before the first block starts. */
  freeUnits: number;
}

export interface PercentageProperties {
  /** Percent of the summed value: "1.2" is 1.2 %. */
  rate: string;
  /** Charged per event, on top of the rate. */
  fixedAmount?: string;
  /** Each event's fee (rate × value + fixedAmount) is raised to at least this… */
  perEventMinAmount?: string;
  /** …and capped at this. */
  perEventMaxAmount?: string;
}

export type ChargeProperties =
  StandardProperties | TieredProperties | PackageProperties | PercentageProperties;

export type ChargeDefinition =
  | { model: 'standard'; properties: StandardProperties }
  | { model: 'graduated'; properties: TieredProperties }
  | { model: 'volume'; properties: TieredProperties }
  | { model: 'package'; properties: PackageProperties }
  | { model: 'percentage'; properties: PercentageProperties };

/** What was used in the period, as aggregated by the usage domain. */
export interface Usage {
  /** The aggregated quantity (for percentage: the summed value), a non-negative decimal string. */
  quantity: string;
  /** Number of events in the period; needed by percentage with a fixed fee. */
  eventCount?: number;
  /** Each event's value; needed by percentage with a per-event minimum or maximum. */
  eventValues?: string[];
}

export interface PriceBreakdownLine {
  /** Index of the tier (graduated, volume), otherwise null. */
  tier: number | null;
  from: string | null;
  to: string | null;
  /** Units priced on this line (decimal string). */
  units: string;
  /** Price per unit on this line (major units, decimal string). */
  unitAmount: string;
  /** Flat amount of this line (major units, decimal string). */
  flatAmount: string;
  /** units × unitAmount + flatAmount at full precision, NOT rounded (major units, decimal string). */
  amount: string;
  /** What the line is, e.g. "tier 2", "free units", "per-event minimum/maximum". */
  description: string;
}

export interface PriceResult {
  currency: string;
  /** The line's amount in integer minor units, rounded half-up once from `exactAmount`. */
  amount: number;
  /** The unrounded sum of the breakdown (major units, decimal string). */
  exactAmount: string;
  quantity: string;
  /** exactAmount / quantity to 12 decimal places, half-up ("0" for a zero quantity). */
  unitAmount: string;
  breakdown: PriceBreakdownLine[];
}
