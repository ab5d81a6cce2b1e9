import { describe, expect, it } from "vitest";
import { getPageRange } from "./pages";

describe("page range", () => {
  it("names the rows of a page and the number of pages", () => {
    expect(getPageRange(2, 50, 7_120)).toEqual({
      page: 2,
      pages: 143,
      firstRow: 51,
      lastRow: 100,
    });
    expect(getPageRange(143, 50, 7_120)).toEqual({
      page: 143,
      pages: 143,
      firstRow: 7_101,
      lastRow: 7_120,
    });
  });

  it("reads a page past the last as the last page", () => {
    expect(getPageRange(9_999, 50, 7_120)).toEqual({
      page: 143,
      pages: 143,
      firstRow: 7_101,
      lastRow: 7_120,
    });
    expect(getPageRange(5, 50, 120)).toEqual({
      page: 3,
      pages: 3,
      firstRow: 101,
      lastRow: 120,
    });
  });

  it("makes an empty list one empty page", () => {
    expect(getPageRange(4, 50, 0)).toEqual({
      page: 1,
      pages: 1,
      firstRow: 0,
      lastRow: 0,
    });
  });
});
