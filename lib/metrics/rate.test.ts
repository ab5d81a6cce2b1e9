import { describe, expect, it } from "vitest";
import { toRate, wilsonInterval } from "./rate";

describe("rates", () => {
  it("shows no data, not 0 %, when the denominator is zero", () => {
    expect(toRate(0, 0)).toEqual({
      numerator: 0,
      denominator: 0,
      value: null,
      low: null,
      high: null,
    });
  });

  it("computes the Wilson interval of 4 out of 10", () => {
    // p = 0.4, n = 10, z = 1.96: centre (0.4 + 0.19207) / 1.38415 = 0.42775,
    // margin 1.96 * sqrt((0.24 + 0.09604) / 10) / 1.38415 = 0.25962.
    const interval = wilsonInterval(4, 10);
    expect(interval?.low).toBeCloseTo(0.1682, 4);
    expect(interval?.high).toBeCloseTo(0.6873, 4);
  });

  it("refuses a numerator larger than its denominator", () => {
    expect(() => toRate(3, 2)).toThrow(/exceeds/);
  });
});
