import { wilsonInterval } from "./rate";

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
 * Compares two shares by Newcombe's hybrid score interval, built from the
 * 95 % Wilson interval of each share [la, ua] and [lb, ub]:
 * low = d − √((pa − la)² + (ub − pb)²), high = d + √((ua − pa)² + (pb − lb)²)
 * with d = pa − pb. Unlike the plain normal approximation it stays honest
 * for small groups and for shares at 0 or 1: 0 of 4 against 3 % of a
 * thousand is not a difference beyond chance. No data when either
 * denominator is zero.
 */
export function compareShares(a: Counts, b: Counts): ShareDifference {
  const aInterval = wilsonInterval(a.numerator, a.denominator);
  const bInterval = wilsonInterval(b.numerator, b.denominator);
  if (!aInterval || !bInterval) {
    return { difference: null, low: null, high: null, significant: false };
  }
  const pa = a.numerator / a.denominator;
  const pb = b.numerator / b.denominator;
  const difference = pa - pb;
  const low = difference - Math.hypot(pa - aInterval.low, bInterval.high - pb);
  const high = difference + Math.hypot(aInterval.high - pa, pb - bInterval.low);

  return { difference, low, high, significant: low > 0 || high < 0 };
}
