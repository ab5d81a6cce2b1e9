const z95 = 1.959963984540054;

type Counts = { numerator: number; denominator: number };

/** A difference of two shares, a − b, with its 95 % interval. */
export type ShareDifference = {
  difference: number | null;
  low: number | null;
  high: number | null;
  /** The interval leaves out zero: the shares differ beyond chance. */
  significant: boolean;
};

/**
 * Compares two shares with the normal approximation for two independent
 * proportions: a − b ± 1.96 × √(pa(1 − pa)/na + pb(1 − pb)/nb), unpooled.
 * No data when either denominator is zero. With both shares at 0 or at 1
 * the interval shrinks to the point itself; the approximation is rough
 * below about ten cases a side, which the denominators next to it show.
 */
export function compareShares(a: Counts, b: Counts): ShareDifference {
  if (a.denominator <= 0 || b.denominator <= 0) {
    return { difference: null, low: null, high: null, significant: false };
  }
  const pa = a.numerator / a.denominator;
  const pb = b.numerator / b.denominator;
  const difference = pa - pb;
  const margin =
    z95 *
    Math.sqrt(
      (pa * (1 - pa)) / a.denominator + (pb * (1 - pb)) / b.denominator,
    );
  const low = difference - margin;
  const high = difference + margin;

  return { difference, low, high, significant: low > 0 || high < 0 };
}
