/**
 * Splits the integer `total` over `weights` (non-negative integers, Σ > 0) in proportion, by the
 * largest-remainder method: every part is floor(total × w / Σw), and the units left over go one each to the
 * largest fractional remainders (ties to the earlier index). The parts sum to `total` exactly, and when
 * total ≤ Σw no part exceeds its weight.
 */
export function allocateProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (sum <= 0n) throw new RangeError('allocation needs a positive total weight');
  const big = BigInt(total);
  const parts = weights.map((w) => (big * BigInt(w)) / sum);
  const remainders = weights.map((w, index) => ({ index, remainder: (big * BigInt(w)) % sum }));
  let left = total - parts.reduce((a, p) => a + Number(p), 0);
  remainders.sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  const result = parts.map(Number);
  for (const { index } of remainders) {
    if (left <= 0) break;
    result[index] += 1;
    left -= 1;
  }
  return result;
}
