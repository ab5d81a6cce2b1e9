import { describe, expect, it } from "vitest";
import {
  fromWall,
  getOffsetMinutes,
  getWallHour,
  getWallWeekday,
  toWall,
} from "./local-time";

const wall = (iso: string) => Date.parse(`${iso}Z`);

describe("local wall times", () => {
  it("maps a Madrid time repeated on 2026-10-25 to its first occurrence", () => {
    expect(
      new Date(
        fromWall("Europe/Madrid", wall("2026-10-25T02:30:00")),
      ).toISOString(),
    ).toBe("2026-10-25T00:30:00.000Z");
    expect(
      new Date(
        fromWall("Europe/Madrid", wall("2026-10-25T03:30:00")),
      ).toISOString(),
    ).toBe("2026-10-25T02:30:00.000Z");
  });

  it("follows New York off summer time on 2026-11-01", () => {
    expect(
      new Date(
        fromWall("America/New_York", wall("2026-10-31T09:00:00")),
      ).toISOString(),
    ).toBe("2026-10-31T13:00:00.000Z");
    expect(
      new Date(
        fromWall("America/New_York", wall("2026-11-02T09:00:00")),
      ).toISOString(),
    ).toBe("2026-11-02T14:00:00.000Z");
  });

  it("moves a time skipped by the spring change past the gap", () => {
    // 2026-03-29 02:30 does not exist in Madrid: clocks jump to 03:00.
    expect(
      new Date(
        fromWall("Europe/Madrid", wall("2026-03-29T02:30:00")),
      ).toISOString(),
    ).toBe("2026-03-29T01:30:00.000Z");
  });

  it("knows the half-hour and three-quarter-hour zones", () => {
    const instant = Date.parse("2026-11-15T12:00:00Z");
    expect(getOffsetMinutes("Asia/Kolkata", instant)).toBe(330);
    expect(getOffsetMinutes("Asia/Kathmandu", instant)).toBe(345);
    expect(getWallHour(toWall("Asia/Kathmandu", instant))).toBe(17.75);
  });

  it("counts weekdays from Monday as 0", () => {
    // 2026-12-04 is a Friday.
    expect(getWallWeekday(wall("2026-12-04T10:00:00"))).toBe(4);
    expect(getWallWeekday(wall("2026-12-07T00:00:00"))).toBe(0);
  });
});
