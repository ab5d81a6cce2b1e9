import { describe, expect, it } from "vitest";
import { formatPointsChange, getPointsChange, roundChange } from "./change";

const shown = (current: number, previous: number) => {
  const points = getPointsChange(current, previous);

  return points === null ? null : formatPointsChange(points);
};

describe("changes against the previous period", () => {
  it("shows a change that rounds to zero as no change, in either direction", () => {
    // 41.25 % − 41.26 % = −0.01 pts, which is 0.0 at one decimal.
    expect(shown(0.4125, 0.4126)).toBe("±0.0 pts");
    // 41.26 % − 41.25 % = +0.01 pts.
    expect(shown(0.4126, 0.4125)).toBe("±0.0 pts");
    expect(roundChange(-0.04).direction).toBe("none");
    expect(shown(0.5, 0.5)).toBe("±0.0 pts");
  });

  it("signs a change that shows", () => {
    // 41.3 % − 40.1 % = +1.2 pts.
    expect(shown(0.413, 0.401)).toBe("+1.2 pts");
    // 25 % − 50 % = −25 pts.
    expect(shown(0.25, 0.5)).toBe("−25.0 pts");
    expect(roundChange(-1.25)).toEqual({ direction: "fall", magnitude: "1.3" });
  });

  it("rounds half away from zero on both sides", () => {
    // 41.35 % − 41.30 % = +0.05 pts → +0.1; the other way → −0.1.
    expect(shown(0.4135, 0.413)).toBe("+0.1 pts");
    expect(shown(0.413, 0.4135)).toBe("−0.1 pts");
  });

  it("has no change when either period has no data", () => {
    expect(getPointsChange(null, 0.4)).toBeNull();
    expect(getPointsChange(0.4, null)).toBeNull();
    expect(getPointsChange(0.4, undefined)).toBeNull();
  });
});
