/** A share with what it is a share of. `value` is null when the
 * denominator is zero: no data, never 0 %. Interval bounds are the 95 %
 * Wilson score interval, also null without data. */
export type Rate = {
  numerator: number;
  denominator: number;
  value: number | null;
  low: number | null;
  high: number | null;
};

const z95 = 1.959963984540054;

export function wilsonInterval(
  numerator: number,
  denominator: number,
  z = z95,
): { low: number; high: number } | null {
  if (denominator <= 0) return null;
  const p = numerator / denominator;
  const z2 = z * z;
  const centre = p + z2 / (2 * denominator);
  const margin =
    z * Math.sqrt((p * (1 - p) + z2 / (4 * denominator)) / denominator);
  const scale = 1 + z2 / denominator;

  return {
    low: Math.max(0, (centre - margin) / scale),
    high: Math.min(1, (centre + margin) / scale),
  };
}

export function toRate(numerator: number, denominator: number): Rate {
  if (numerator > denominator) {
    throw new Error(
      `numerator ${numerator} exceeds denominator ${denominator}`,
    );
  }
  const interval = wilsonInterval(numerator, denominator);

  return {
    numerator,
    denominator,
    value: denominator > 0 ? numerator / denominator : null,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
  };
}
