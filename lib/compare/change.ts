/** Which way a change goes once rounded as shown: a change too small to
 * show is no change, never a rise or a fall of zero. */
export type ChangeDirection = "rise" | "fall" | "none";

export type ShownChange = {
  direction: ChangeDirection;
  /** The size of the change, rounded, without a sign: "1.2". */
  magnitude: string;
};

const signs: Record<ChangeDirection, string> = {
  rise: "+",
  fall: "−",
  none: "±",
};

/**
 * Rounds a change to `decimals` before its sign is chosen, half away from
 * zero on both sides, so −0.04 and +0.04 both read "±0.0" and −0.05 reads
 * "−0.1" as +0.05 reads "+0.1".
 */
export function roundChange(change: number, decimals = 1): ShownChange {
  const scale = 10 ** decimals;
  // The tiny offset absorbs binary noise such as 0.05 stored as 0.04999….
  const units = Math.round(Math.abs(change) * scale + 1e-9);
  const direction: ChangeDirection =
    units === 0 ? "none" : change > 0 ? "rise" : "fall";

  return { direction, magnitude: (units / scale).toFixed(decimals) };
}

/** A change of a share in percentage points, one decimal: "+1.2 pts",
 * "−0.3 pts", and "±0.0 pts" for a change that rounds to zero. */
export function formatPointsChange(points: number): string {
  const { direction, magnitude } = roundChange(points);

  return `${signs[direction]}${magnitude} pts`;
}

/** The change in points between two shares (fractions of 1); null when
 * either has no data. */
export function getPointsChange(
  current: number | null,
  previous: number | null | undefined,
): number | null {
  if (current === null || previous === null || previous === undefined)
    return null;

  return (current - previous) * 100;
}
