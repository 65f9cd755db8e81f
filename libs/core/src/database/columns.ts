import { Column, ColumnOptions, ValueTransformer } from 'typeorm';

/** Maps Postgres `bigint` (returned as a string by pg) to a JS number, refusing anything unsafe. */
export const safeBigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return value;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${value} does not fit a safe JS integer`);
    return parsed;
  },
};

/** An amount in integer minor units of a currency (cents for USD, yen for JPY, fils for KWD). */
export function MinorUnitsColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ type: 'bigint', transformer: safeBigintTransformer, ...options });
}
