import { describe, expect, it } from "vitest";
import { compareShares } from "./difference";

describe("the difference of two shares", () => {
  it("does not call a tiny group different for a share of zero", () => {
    // 0 of 4, Wilson [0, 0.4899], against 30 of 1,000 = 0.03, Wilson
    // [0.0211, 0.0425]: d = −0.03, low = −0.03 − √(0² + 0.0125²) = −0.0425,
    // high = −0.03 + √(0.4899² + 0.0089²) = 0.4600. The plain normal
    // approximation gave −0.03 ± 0.0106, a false flag.
    const result = compareShares(
      { numerator: 0, denominator: 4 },
      { numerator: 30, denominator: 1000 },
    );

    expect(result.difference).toBeCloseTo(-0.03, 10);
    expect(result.low).toBeCloseTo(-0.0425, 4);
    expect(result.high).toBeCloseTo(0.46, 4);
    expect(result.significant).toBe(false);
  });

  it("flags a difference the intervals leave no room for", () => {
    // 40 of 100 = 0.4, Wilson [0.3094, 0.4980], against 100 of 1,000 = 0.1,
    // Wilson [0.0829, 0.1202]: low = 0.3 − √(0.0906² + 0.0202²) = 0.2072.
    const result = compareShares(
      { numerator: 40, denominator: 100 },
      { numerator: 100, denominator: 1000 },
    );

    expect(result.low).toBeCloseTo(0.2072, 4);
    expect(result.significant).toBe(true);
  });

  it("has no data when a side has no leads", () => {
    expect(
      compareShares(
        { numerator: 0, denominator: 0 },
        { numerator: 1, denominator: 2 },
      ),
    ).toEqual({ difference: null, low: null, high: null, significant: false });
  });
});
